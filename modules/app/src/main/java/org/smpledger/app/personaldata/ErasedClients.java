package org.smpledger.app.personaldata;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.smpledger.personaldata.ClientKeys;
import org.springframework.stereotype.Component;

/**
 * Which clients of an answer are erased, from the key store (one {@code _id $in} read): read models
 * hold no personal data and know nothing of erasure, so answers that show a client say it here.
 */
@Component
public class ErasedClients {

    /** An answer about one client, with when its personal data was erased (null: not erased). */
    public record AboutClient<T>(@JsonUnwrapped T answer, Instant personalDataErasedAt) {}

    /** An answer naming clients, with those of them whose personal data is erased. */
    public record NamingClients<T>(@JsonUnwrapped T answer, List<String> erasedClients) {}

    private final ClientKeys keys;

    ErasedClients(ClientKeys keys) {
        this.keys = keys;
    }

    public <T> AboutClient<T> about(String clientId, T answer) {
        return new AboutClient<>(answer, keys.erasedAmong(List.of(clientId)).get(clientId));
    }

    public <T> NamingClients<T> naming(Collection<String> clientIds, T answer) {
        Map<String, Instant> erased = keys.erasedAmong(clientIds);
        return new NamingClients<>(answer, erased.keySet().stream().sorted().toList());
    }
}
