package org.smpledger.serialization.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.smpledger.events.EventCatalog;
import org.smpledger.events.EventDescription;
import org.smpledger.events.SmpEvent;

/**
 * Leaves out every personal-data value of an event while it is read, so no reader of the event store
 * (aggregates, projections, the publisher, the audit view) ever holds one, encrypted or, in events
 * stored before encryption, plain. The filter works on the parser's token stream: the values are
 * skipped, not read and dropped, and the fields read as absent (null).
 */
public final class WithheldPersonalData {

    private static final ClassValue<TokenFilter> FILTERS = new ClassValue<>() {
        @Override
        protected TokenFilter computeValue(Class<?> type) {
            if (!SmpEvent.class.isAssignableFrom(type) || !type.isRecord()) {
                return null;
            }
            @SuppressWarnings("unchecked")
            EventDescription description = EventCatalog.describe((Class<? extends SmpEvent>) type);
            if (!description.mayHoldPersonalData()) {
                return null;
            }
            Node root = new Node();
            for (EventDescription.MarkedField marked : description.markedFields()) {
                if (marked.perEntry()) {
                    root.at(marked.path()).correctedValues = true;
                } else if (marked.marks().personal()) {
                    root.at(marked.path()).withheld = true;
                }
            }
            return root.filter();
        }
    };

    private WithheldPersonalData() {}

    /** Whether values of this type can hold personal data that reading leaves out. */
    public static boolean applies(Class<?> type) {
        return FILTERS.get(type) != null;
    }

    /** The parser without the personal data of an event of this type ({@link #applies} it). */
    public static JsonParser from(JsonParser parser, Class<?> type) {
        return new FilteringParserDelegate(parser, FILTERS.get(type), TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true);
    }

    /** Removes the personal data from a payload tree of this type, in place. */
    public static void removeFrom(JsonNode payload, Class<? extends SmpEvent> type) {
        MarkedValues.visit(type, payload, (holder, field, place, marks) -> {
            if (marks.personal()) {
                holder.remove(field);
            }
        });
    }

    /** One field of the payload on the way to a personal value. */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        boolean list;
        boolean withheld;
        boolean correctedValues;

        Node at(String path) {
            Node node = this;
            for (String segment : path.split("\\.")) {
                boolean isList = segment.endsWith("[]");
                node = node.children.computeIfAbsent(
                        isList ? segment.substring(0, segment.length() - 2) : segment, name -> new Node());
                node.list |= isList;
            }
            return node;
        }

        TokenFilter filter() {
            if (correctedValues) {
                return WITHOUT_PERSONAL_PATHS;
            }
            Map<String, TokenFilter> fields = new HashMap<>();
            children.forEach((name, child) -> fields.put(name, child.withheld ? null : child.filter()));
            TokenFilter record = new RecordFilter(fields);
            return list ? new ListFilter(record) : record;
        }
    }

    private static final TokenFilter WITHOUT_PERSONAL_PATHS = new IncludingEmpty() {
        @Override
        public TokenFilter includeProperty(String name) {
            return EventCatalog.personalPath(name) ? null : TokenFilter.INCLUDE_ALL;
        }
    };

    private static class IncludingEmpty extends TokenFilter {
        @Override
        public boolean includeEmptyObject(boolean contentsFiltered) {
            return true;
        }

        @Override
        public boolean includeEmptyArray(boolean contentsFiltered) {
            return true;
        }
    }

    private static final class RecordFilter extends IncludingEmpty {
        private final Map<String, TokenFilter> fields;

        RecordFilter(Map<String, TokenFilter> fields) {
            this.fields = fields;
        }

        @Override
        public TokenFilter includeProperty(String name) {
            if (!fields.containsKey(name)) {
                return TokenFilter.INCLUDE_ALL;
            }
            return fields.get(name);
        }
    }

    private static final class ListFilter extends IncludingEmpty {
        private final TokenFilter element;

        ListFilter(TokenFilter element) {
            this.element = element;
        }

        @Override
        public TokenFilter includeElement(int index) {
            return element;
        }
    }
}
