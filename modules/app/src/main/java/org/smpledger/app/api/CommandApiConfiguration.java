package org.smpledger.app.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.smpledger.app.http.RequestHeaders;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The command API's request headers and event-time check, for Spring MVC and for the published
 * OpenAPI document. Who sends a command is the authenticated user, not a header (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
public class CommandApiConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new SenderArgumentResolver());
    }

    /** Event times are checked against the server's {@link Clock}, allowing {@code smp.api.max-clock-skew} into the future. */
    @Bean
    ValidationConfigurationCustomizer eventTimesOnTheServersClock(Clock clock, ApiProperties api) {
        return configuration -> {
            configuration.clockProvider(() -> clock);
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                hibernate.temporalValidationTolerance(api.maxClockSkew());
            }
        };
    }

    @Bean
    OpenAPI smpLedgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("smp-ledger API")
                        .version("1")
                        .description("Records an SMP client's course of treatment as events and answers from the read "
                                + "models built from them. See docs/api.md and docs/projections.md."))
                .components(new Components());
    }

    @Bean
    OperationCustomizer senderHeaders() {
        return (operation, handler) -> {
            boolean sent =
                    Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == Sender.class);
            if (sent) {
                operation.addParametersItem(
                        header(RequestHeaders.CORRELATION_ID, false, "correlation id (generated when absent)", null));
                operation.addParametersItem(header(
                        RequestHeaders.IDEMPOTENCY_KEY,
                        false,
                        "a retry with the same key records nothing twice and answers as the first time",
                        "6f1d0c1e-req-1"));
                operation.addParametersItem(header(
                        RequestHeaders.IF_MATCH,
                        false,
                        "the stream version you saw (ETag); 409 when it moved on",
                        "\"4\""));
            }
            return operation;
        };
    }

    private static HeaderParameter header(String name, boolean required, String description, String example) {
        HeaderParameter header = new HeaderParameter();
        header.name(name).required(required).description(description).schema(new StringSchema());
        if (example != null) {
            header.example(example);
        }
        return header;
    }
}
