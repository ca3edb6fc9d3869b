package org.smpledger.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.smpledger.domain.recording.Recorded;
import org.smpledger.domain.recording.RequestMetaData;
import org.smpledger.events.EventMetadata;
import org.smpledger.personaldata.RequestFingerprints;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Sends a command of the current request with the sender's metadata and turns what it recorded
 * into a 201 response. The gateway retries a command that met a concurrent append (see
 * {@code CommandGatewayConfiguration}).
 */
@Component
class CommandDispatch {

    private final CommandGateway commands;
    private final ObjectMapper json;
    private final Clock clock;
    private final RequestFingerprints fingerprints;
    /** The current request: a proxy Spring resolves on every call. */
    private final HttpServletRequest request;

    CommandDispatch(
            CommandGateway commands,
            ObjectMapper json,
            Clock clock,
            RequestFingerprints fingerprints,
            HttpServletRequest request) {
        this.commands = commands;
        this.json = json;
        this.clock = clock;
        this.fingerprints = fingerprints;
        this.request = request;
    }

    /** Sends the command; {@code body} is the request body as read, for the request fingerprint. */
    Recorded send(Object command, Sender sender, Object body) {
        try {
            return commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData(sender, body)));
        } catch (CommandExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** A time the body leaves out is now, on the server's clock. */
    Instant orNow(Instant given) {
        return given != null ? given : clock.instant();
    }

    /** A new stream's id: random, or derived from the clinic and Idempotency-Key so a retry finds the same stream. */
    static String newStreamId(String kind, Sender sender) {
        return sender.idempotencyKey() == null
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((kind + "|" + sender.clinicId() + "|" + sender.idempotencyKey())
                                .getBytes(StandardCharsets.UTF_8))
                        .toString();
    }

    static ResponseEntity<Map<String, Object>> created(
            Recorded recorded, String streamKey, String recordKey, String location) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(streamKey, recorded.streamId());
        if (recordKey != null) {
            body.put(recordKey, recorded.recordId());
        }
        body.put("eventId", recorded.eventId());
        body.put("eventType", recorded.eventType());
        body.put("streamVersion", recorded.streamVersion());
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path(location)
                        .build()
                        .toUri())
                .eTag(Long.toString(recorded.streamVersion()))
                .body(body);
    }

    private MetaData metaData(Sender sender, Object body) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(EventMetadata.CLINIC_ID, sender.clinicId());
        data.put(EventMetadata.ACTOR_ID, sender.actorId());
        data.put(EventMetadata.ACTOR_ROLE, sender.actorRole());
        data.put(EventMetadata.AUTHENTICATED_BY, sender.authenticatedBy());
        data.put(EventMetadata.CORRELATION_ID, sender.correlationId());
        if (sender.idempotencyKey() != null) {
            data.put(EventMetadata.IDEMPOTENCY_KEY, sender.idempotencyKey());
            String canonical = canonical(body);
            data.put(EventMetadata.REQUEST_FINGERPRINT, fingerprints.of(canonical));
            data.put(RequestMetaData.UNKEYED_REQUEST_FINGERPRINT, RequestFingerprints.unkeyed(canonical));
        }
        return MetaData.from(data);
    }

    /**
     * Method, path and the body as the API read it (so whitespace and key order do not matter): what the
     * fingerprint (HMAC-SHA256 under the service's fingerprint key) is taken of.
     */
    private String canonical(Object body) {
        try {
            return request.getMethod() + " " + request.getRequestURI() + "\n" + json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }
}
