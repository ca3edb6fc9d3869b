package org.smpledger.app.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Writers sending commands through the instances' REST APIs, as a new user would: register a
 * client, then record the client's consent. Writer {@code w} sends to {@code target.apply(w)}; a
 * command counts as acknowledged only on 201, and the event id it answers with is kept. Failures
 * (no answer, 5xx from an instance losing its store, a killed instance) are counted, never kept.
 */
final class ClinicWriters implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Set<String> acknowledgedEvents = ConcurrentHashMap.newKeySet();
    final Map<String, String> clients = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();
    final List<String> failureSamples = new CopyOnWriteArrayList<>();
    final AtomicLong commands = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /** Starts {@code writers} writers; {@code pacing}: pause between commands per writer (zero: none). */
    ClinicWriters(int writers, IntFunction<ServiceProcess> target, Duration pacing) {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(target, writer, pacing), "writer-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void write(IntFunction<ServiceProcess> target, int writer, Duration pacing) {
        while (!stopped) {
            ServiceProcess instance = target.apply(writer);
            try {
                JsonNode registered = command(
                        instance,
                        "/api/clients",
                        "{\"personalDetails\": {\"fullName\": \"Load Client\", \"dateOfBirth\": \"1985-04-02\"},"
                                + " \"registeredAt\": \"" + Instant.now() + "\"}");
                if (registered != null) {
                    String client = registered.path("clientId").asText();
                    clients.put(client, instance.name);
                    command(
                            target.apply(writer),
                            "/api/clients/" + client + "/consents",
                            "{\"signedAt\": \"" + Instant.now() + "\", \"formVersion\": \"v3\","
                                    + " \"documentRef\": \"consents/1.pdf\"}");
                }
                if (!pacing.isZero()) {
                    Thread.sleep(pacing.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private JsonNode command(ServiceProcess instance, String path, String body) throws InterruptedException {
        try {
            HttpResponse<String> response = instance.post(path, body);
            commands.incrementAndGet();
            if (response.statusCode() == 201) {
                JsonNode answer = JSON.readTree(response.body());
                acknowledgedEvents.add(answer.path("eventId").asText());
                return answer;
            }
            failed(instance.name + " " + path + " " + response.statusCode() + " " + response.body());
        } catch (java.io.IOException e) {
            failed(instance.name + " " + path + " " + e);
            Thread.sleep(50);
        }
        return null;
    }

    private void failed(String what) {
        failures.incrementAndGet();
        if (failureSamples.size() < 10) {
            failureSamples.add(what);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }
}
