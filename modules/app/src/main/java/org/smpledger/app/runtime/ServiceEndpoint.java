package org.smpledger.app.runtime;

/** How the service reaches MongoDB or Kafka, and whether it started that server itself. */
public record ServiceEndpoint(String address, boolean embedded) {

    public String describe() {
        return (embedded ? "embedded " : "external ") + address;
    }
}
