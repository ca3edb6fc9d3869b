package org.smpledger.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.smpledger.app.api.ApiProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every request under {@code /api} shares: the body size limit and the problem responses of filters. */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    @Bean
    ProblemResponses problemResponses(ObjectMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ApiProperties api, ProblemResponses problems) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(api.maxBodySize().toBytes(), problems));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
