package org.smpledger.accesslog;

import java.time.Instant;
import java.util.List;

/**
 * One page of an access log, newest first. {@code total} counts every entry of the list; a
 * page can hold fewer than {@code size} entries only at the end, or where a write was cut short
 * by a crash (its numbers were taken but its entries never stored). {@code from} and {@code to}
 * are the whole hours a clinic's list covers (null for a client's).
 */
public record AccessLogPage(Instant from, Instant to, int page, int size, long total, List<AccessRecord> items) {}
