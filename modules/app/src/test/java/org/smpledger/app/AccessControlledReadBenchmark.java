package org.smpledger.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.smpledger.accesslog.MongoAccessLog;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffAuthentication;
import org.smpledger.app.security.StaffMember;
import org.smpledger.app.security.TestIdentityProvider;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.smpledger.projections.replay.ProjectionProcessors;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Timeline read latency with authentication and access logging on versus off, side by side in one
 * run (docs/performance.md, "Authentication and access log"). Three services on the same embedded
 * MongoDB, each on its own database with the same records: <b>open</b> (every request already
 * signed in as a fixed practitioner, no access recording: the baseline), <b>basic</b> (HTTP Basic
 * against local users with the verified-sign-in memory, every read recorded in the access log)
 * and <b>bearer</b> (an RS256 token from a test identity provider, every read recorded). Each round
 * reads random clients' timelines over HTTP/1.1 keep-alive, one read from each service in turn (the
 * first one rotating), so all meet the same background load; medians of the rounds' p50 and p99
 * are compared.
 *
 * <pre>
 * ./mvnw -q -pl modules/app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx2g -cp "modules/app/target/test-classes:modules/app/target/classes:$(cat modules/app/target/bench.cp)" \
 *     org.smpledger.app.AccessControlledReadBenchmark [clients=200] [reads per round=3000] [rounds=6]
 * (-Dbreakdown=true adds "open+log" and "basic-nolog", to tell the cost of the access log from that of sign-in)
 * </pre>
 */
public final class AccessControlledReadBenchmark {

    private static final String CLINIC = "clinic-bench";
    private static final Instant DAY =
            Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(60));

    private AccessControlledReadBenchmark() {}

    /** The baseline: every request signed in already (the service's own chain removed), no access recording filter. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Open {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain alreadySignedIn(HttpSecurity http) throws Exception {
            StaffAuthentication practitioner = new StaffAuthentication(
                    new StaffMember("bench-practitioner", CLINIC, Set.of(Role.PRACTITIONER), "local"));
            return http.securityMatcher("/**")
                    .csrf(AbstractHttpConfigurer::disable)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .addFilterBefore(
                            new OncePerRequestFilter() {
                                @Override
                                protected void doFilterInternal(
                                        jakarta.servlet.http.HttpServletRequest request,
                                        jakarta.servlet.http.HttpServletResponse response,
                                        jakarta.servlet.FilterChain chain)
                                        throws jakarta.servlet.ServletException, java.io.IOException {
                                    SecurityContextHolder.getContext().setAuthentication(practitioner);
                                    chain.doFilter(request, response);
                                }
                            },
                            AuthorizationFilter.class)
                    .build();
        }

        @Bean
        static BeanDefinitionRegistryPostProcessor withoutAccessRecording() {
            return without("accessRecording", "serviceSecurity");
        }
    }

    /** For the breakdown: authentication on, access recording off. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Unrecorded {

        @Bean
        static BeanDefinitionRegistryPostProcessor withoutAccessRecording() {
            return without("accessRecording");
        }
    }

    /** For the breakdown: already signed in, access recording on. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OpenRecorded {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain alreadySignedIn(HttpSecurity http) throws Exception {
            return new Open().alreadySignedIn(http);
        }

        @Bean
        static BeanDefinitionRegistryPostProcessor withoutServiceSecurity() {
            return without("serviceSecurity");
        }
    }

    static BeanDefinitionRegistryPostProcessor without(String... beans) {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                for (String bean : beans) {
                    registry.removeBeanDefinition(bean);
                }
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}
        };
    }

    record Service(String mode, ConfigurableApplicationContext context, String authorization) {

        URI uri(String path) {
            return URI.create("http://127.0.0.1:"
                    + ((WebServerApplicationContext) context).getWebServer().getPort() + path);
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        System.out.printf(
                "Timeline reads: %d clients, %d reads per service per round, %d rounds, %d cores%n",
                clients, reads, rounds, Runtime.getRuntime().availableProcessors());

        TestIdentityProvider idp = new TestIdentityProvider();
        String token = idp.signed(TestIdentityProvider.claims("bench-practitioner", CLINIC, "practitioner")
                .expirationTime(java.util.Date.from(Instant.now().plus(Duration.ofHours(6)))));
        List<Service> services = List.of(
                new Service("open", start("open", List.of(), Open.class), null),
                new Service(
                        "basic",
                        start("basic", Staff.arguments(CLINIC), null),
                        Staff.practitioner(CLINIC).authorization()),
                new Service(
                        "bearer",
                        start(
                                "bearer",
                                List.of(
                                        "--smp.security.jwt.jwk-set-uri=" + idp.jwkSetUri(),
                                        "--smp.security.jwt.issuer=" + TestIdentityProvider.ISSUER,
                                        "--smp.security.jwt.audience=" + TestIdentityProvider.AUDIENCE,
                                        "--smp.security.jwt.user-claim=preferred_username"),
                                null),
                        "Bearer " + token));
        if (Boolean.getBoolean("breakdown")) {
            services = new ArrayList<>(services);
            services.add(new Service("open+log", start("openlog", List.of(), OpenRecorded.class), null));
            services.add(new Service(
                    "basic-nolog",
                    start("basicnolog", Staff.arguments(CLINIC), Unrecorded.class),
                    Staff.practitioner(CLINIC).authorization()));
        }
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<List<String>> clientIds = new ArrayList<>();
        for (Service service : services) {
            clientIds.add(seed(http, service, clients));
        }
        for (Service service : services) {
            awaitProjections(service);
        }

        double[][] p50 = new double[services.size()][rounds];
        double[][] p99 = new double[services.size()][rounds];
        Random random = new Random(42);
        measure(http, services, clientIds, 500, random);
        for (int round = 0; round < rounds; round++) {
            long[][] nanos = measure(http, services, clientIds, reads, random);
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (int s = 0; s < services.size(); s++) {
                p50[s][round] = percentile(nanos[s], 0.50);
                p99[s][round] = percentile(nanos[s], 0.99);
                line.append(String.format(
                        Locale.ROOT,
                        "  %s p50 %.3f ms p99 %.3f ms",
                        services.get(s).mode(),
                        p50[s][round],
                        p99[s][round]));
            }
            System.out.println(line);
        }

        System.out.println();
        System.out.println(
                "| service | p50 ms (median of rounds) | p99 ms (median of rounds) | p50 / open | p50 / open per round (min-max) |");
        System.out.println("|---|---|---|---|---|");
        double openP50 = median(p50[0]);
        for (int s = 0; s < services.size(); s++) {
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int round = 0; round < rounds; round++) {
                double ratio = p50[s][round] / p50[0][round];
                min = Math.min(min, ratio);
                max = Math.max(max, ratio);
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f | %.2f | %.2f-%.2f |%n",
                    services.get(s).mode(),
                    median(p50[s]),
                    median(p99[s]),
                    median(p50[s]) / openP50,
                    min,
                    max);
        }
        for (Service service : services.subList(1, services.size())) {
            MongoAccessLog accessLog = service.context().getBean(MongoAccessLog.class);
            System.out.printf(
                    "%s: access records written %d, dropped %d, pending %d%n",
                    service.mode(), accessLog.written(), accessLog.dropped(), accessLog.pending());
        }
        for (Service service : services) {
            service.context().close();
        }
        idp.close();
        System.exit(0);
    }

    private static ConfigurableApplicationContext start(String mode, List<String> extra, Class<?> configuration)
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--smp.mongodb.uri=" + TestMongo.connectionString(),
                "--smp.mongodb.database=" + TestMongo.freshDatabaseName("bench_" + mode),
                "--smp.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--smp.publisher.enabled=false",
                "--smp.data-dir=" + Files.createTempDirectory("smp-bench-" + mode),
                "--server.port=0",
                "--logging.level.root=WARN"));
        arguments.addAll(extra);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(SmpLedgerApplication.class);
        if (configuration != null) {
            builder.sources(configuration);
        }
        return builder.run(arguments.toArray(String[]::new));
    }

    /** One lot and {@code clients} clients with a two-session course each; returns their ids. */
    private static List<String> seed(HttpClient http, Service service, int clients) throws Exception {
        String lot = field(post(http, service, "/api/pigment-lots", """
                {"brand": "InkCo", "shade": "ash", "batchNumber": "B-1", "expiresOn": "2099-01-01",
                 "receivedAt": "%s"}""".formatted(DAY)), "lotId");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String client = field(post(http, service, "/api/clients", """
                            {"personalDetails": {"fullName": "Bench Client %d", "dateOfBirth": "1980-01-01"},
                             "registeredAt": "%s"}""".formatted(i, DAY)), "clientId");
            String base = "/api/clients/" + client;
            post(
                    http,
                    service,
                    base + "/screenings",
                    "{\"screenedAt\": \"%s\", \"findings\": []}".formatted(DAY.plusSeconds(60)));
            post(http, service, base + "/consents", """
                    {"signedAt": "%s", "formVersion": "v3", "documentRef": "c.pdf"}""".formatted(DAY.plusSeconds(120)));
            post(http, service, base + "/patch-tests", """
                    {"lotId": "%s", "site": "ear", "appliedAt": "%s", "readAt": "%s", "result": "NEGATIVE"}""".formatted(
                            lot, DAY.plus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(3))));
            for (int session = 0; session < 2; session++) {
                Instant start = DAY.plus(Duration.ofDays(10 + 14L * session));
                Instant end = start.plus(Duration.ofHours(2));
                post(http, service, base + "/sessions", """
                        {"startedAt": "%s", "endedAt": "%s", "zoneWork": [{"zone": "CROWN", "densityAddedFraction": 0.3,
                         "needleCount": 3, "needleDiameterMm": 0.25,
                         "pigments": [{"lotId": "%s", "dilutionWaterParts": 20}]}]}""".formatted(start, end, lot));
            }
            ids.add(client);
        }
        return ids;
    }

    private static void awaitProjections(Service service) throws InterruptedException {
        ProjectionProcessors processors = service.context().getBean(ProjectionProcessors.class);
        EventStore store = service.context().getBean(EventStore.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!processors.names().stream()
                .allMatch(name -> processors.status(name).lag() == 0
                        && processors.status(name).position() != null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "projections of " + service.mode() + " did not catch up (" + store + ")");
            }
            Thread.sleep(50);
        }
    }

    /**
     * {@code reads} timeline reads from every service, interleaved one by one (the first service
     * turns with each read), so that every service meets the same background load.
     */
    private static long[][] measure(
            HttpClient http, List<Service> services, List<List<String>> clientIds, int reads, Random random)
            throws Exception {
        long[][] nanos = new long[services.size()][reads];
        for (int i = 0; i < reads; i++) {
            for (int k = 0; k < services.size(); k++) {
                int s = (i + k) % services.size();
                Service service = services.get(s);
                List<String> clients = clientIds.get(s);
                HttpRequest.Builder request = HttpRequest.newBuilder(
                        service.uri("/api/clients/" + clients.get(random.nextInt(clients.size())) + "/timeline"));
                if (service.authorization() != null) {
                    request.header("Authorization", service.authorization());
                }
                HttpRequest built = request.build();
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
                nanos[s][i] = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            service.mode() + ": " + response.statusCode() + " " + new String(response.body()));
                }
            }
        }
        return nanos;
    }

    private static String post(HttpClient http, Service service, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (service.authorization() != null) {
            request.header("Authorization", service.authorization());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    service.mode() + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        int from = at + name.length() + 4;
        return json.substring(from, json.indexOf('"', from));
    }

    private static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
