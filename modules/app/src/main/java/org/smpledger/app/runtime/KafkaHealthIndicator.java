package org.smpledger.app.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component "kafka": the cluster answers a describe-cluster request; the health request waits
 * for it at most 2 s ({@link PromptHealthIndicator}).
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends PromptHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 3000;
    private final Admin admin;
    private final ServiceEndpoint endpoint;

    KafkaHealthIndicator(@Qualifier("kafkaEndpoint") ServiceEndpoint endpoint) {
        super("Kafka health check failed", "kafka-health", Duration.ofSeconds(2));
        this.endpoint = endpoint;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoint.address(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "smp-ledger-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS));
    }

    @Override
    protected void check(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        int brokers = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        builder.status(brokers > 0 ? "UP" : "DOWN")
                .withDetail("embedded", endpoint.embedded())
                .withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .withDetail("brokers", brokers);
    }

    @Override
    public void destroy() {
        close();
        admin.close(Duration.ofSeconds(2));
    }
}
