package org.smpledger.verifier.leaf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.smpledger.verifier.merkle.Hash;
import org.smpledger.verifier.merkle.TreeHashing;

/**
 * The canonical leaf of one stored event, version 1, specified byte by byte in
 * docs/verifiable-log.md ("The leaf"): integers big-endian; a string is its UTF-8 length as a
 * 4-byte unsigned integer then its UTF-8 bytes; bytes likewise; an optional field is 0x00 when
 * absent, or 0x01 then the field.
 * <pre>
 *   u8 0x01 (version) | u64 position | str event id | opt str aggregate type | opt str stream id
 *   | opt u64 sequence | i64 epoch millis | u32 nanos within the milli | str payload type
 *   | opt str payload revision | bytes payload | bytes metadata
 * </pre>
 */
public final class EventLeaf {

    public static final byte VERSION = 0x01;

    private EventLeaf() {}

    public static byte[] encode(StoredEvent event) {
        Writer out = new Writer(96 + event.payloadBytes().length + event.metadataBytes().length);
        out.u8(VERSION);
        out.u64(event.position());
        out.string(event.eventId());
        out.optionalString(event.aggregateType());
        out.optionalString(event.streamId());
        if (event.sequence() == null) {
            out.u8(0);
        } else {
            out.u8(1);
            out.u64(event.sequence());
        }
        out.u64(event.timestampMillis());
        out.u32(event.timestampNanos());
        out.string(event.payloadType());
        out.optionalString(event.payloadRevision());
        out.bytes(event.payloadBytes());
        out.bytes(event.metadataBytes());
        return out.toByteArray();
    }

    /** The RFC 6962 leaf hash of the encoding: {@code SHA-256(0x00 || encode(event))}. */
    public static Hash hash(StoredEvent event) {
        return TreeHashing.leaf(encode(event));
    }

    private static final class Writer extends ByteArrayOutputStream {

        Writer(int capacity) {
            super(capacity);
        }

        void u8(int value) {
            write(value);
        }

        void u32(long value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                write((int) (value >>> shift));
            }
        }

        void u64(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (value >>> shift));
            }
        }

        void bytes(byte[] value) {
            u32(value.length);
            writeBytes(value);
        }

        void string(String value) {
            bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        void optionalString(String value) {
            if (value == null) {
                u8(0);
            } else {
                u8(1);
                string(value);
            }
        }
    }
}
