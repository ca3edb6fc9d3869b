package org.smpledger.projections;

import java.util.List;

/** A page of a list that can grow: {@code page} counts from 0. */
public record Page<T>(int page, int size, long total, List<T> items) {

    public static final int MAX_SIZE = 500;

    public static <T> Page<T> of(List<T> all, int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
        long from = (long) page * size;
        List<T> items =
                from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + size));
        return new Page<>(page, size, all.size(), List.copyOf(items));
    }
}
