package org.smpledger.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smpledger.embedded.EmbeddedKafkaBroker;
import org.smpledger.embedded.EmbeddedMongoServer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ExternalServicesWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RuntimeProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Properties.class, BackingServicesConfiguration.class);

    @Test
    void externalMongoAndKafkaStartNothingEmbedded() {
        runner.withPropertyValues(
                        "smp.mongodb.uri=mongodb://127.0.0.1:1/?replicaSet=rs0",
                        "smp.kafka.bootstrap-servers=127.0.0.1:2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class);
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getBean("mongoEndpoint", ServiceEndpoint.class))
                            .isEqualTo(new ServiceEndpoint("mongodb://127.0.0.1:1/?replicaSet=rs0", false));
                    assertThat(context.getBean("kafkaEndpoint", ServiceEndpoint.class))
                            .isEqualTo(new ServiceEndpoint("127.0.0.1:2", false));
                });
    }

    @Test
    void externalMongoAloneStillStartsTheEmbeddedBroker() {
        runner.withPropertyValues(
                        "smp.data-dir=target/wiring-test-" + System.nanoTime(),
                        "smp.mongodb.uri=mongodb://127.0.0.1:1",
                        "smp.kafka.embedded-port=0",
                        "smp.kafka.embedded-controller-port=0")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class);
                    assertThat(context).hasSingleBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getBean("kafkaEndpoint", ServiceEndpoint.class)
                                    .embedded())
                            .isTrue();
                });
    }
}
