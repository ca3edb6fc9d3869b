package org.smpledger.app.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every operation of the OpenAPI document says how to authenticate (a security requirement) and
 * which roles it admits: the {@code x-roles} extension (read by the tests that check every endpoint
 * with every role) and a line of its description, both from the method's {@link Admits}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiRoles {

    static final String ROLES_EXTENSION = "x-roles";
    private static final String BASIC = "basicAuth";
    private static final String BEARER = "bearerAuth";

    @Bean
    OpenApiCustomizer signInSchemes(IdentityProperties identity) {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            if (identity.jwt().enabled()) {
                openApi.getComponents()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from the clinic's identity provider"));
            } else {
                openApi.getComponents()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("A user of the clinic (smp.security.users, or the demo users)"));
            }
        };
    }

    @Bean
    OperationCustomizer admittedRoles(IdentityProperties identity) {
        String scheme = identity.jwt().enabled() ? BEARER : BASIC;
        return (operation, handler) -> {
            Admits admits = handler.getMethodAnnotation(Admits.class);
            List<String> roles = admits == null
                    ? List.of()
                    : Arrays.stream(admits.value()).map(Role::roleName).toList();
            operation.addExtension(ROLES_EXTENSION, roles);
            operation.addSecurityItem(new SecurityRequirement().addList(scheme));
            String line = roles.isEmpty() ? "Roles: none (admits nobody)." : "Roles: " + String.join(", ", roles) + ".";
            operation.setDescription(
                    operation.getDescription() == null
                                    || operation.getDescription().isBlank()
                            ? line
                            : operation.getDescription() + "\n\n" + line);
            return operation;
        };
    }
}
