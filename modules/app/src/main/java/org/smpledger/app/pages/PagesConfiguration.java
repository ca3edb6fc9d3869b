package org.smpledger.app.pages;

import org.smpledger.app.security.IdentityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The sign-in page: a page with no data, for anyone; its form or the link to the identity provider. */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

    /** How pages sign in, for the sign-in page ({@code @signInMode} in its template). */
    public record SignInMode(boolean identityProvider) {}

    @Bean
    SignInMode signInMode(IdentityProperties identity) {
        return new SignInMode(identity.jwt().enabled() && identity.pageSignIn().enabled());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/login").setViewName("pages/login");
    }
}
