package org.smpledger.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The path of one plain field inside an event of one type, such as
 * {@code zoneWork[1].densityAddedFraction} of a {@code SessionCompleted}: segments of a field name
 * and, for a list, an index. Parsed once, against the event type: a path exists only if every
 * segment names a field of the record it walks through, an index follows only a list, and the
 * last segment is a plain value with a {@link FieldKind}. Whether a given event holds that many
 * list entries is a question for that event: {@link #reachIn}.
 */
public final class FieldPath {

    /** What a field path looks like as text; list indexes have at most three digits. */
    public static final String SYNTAX =
            "^[A-Za-z][A-Za-z0-9]*(\\[\\d{1,3}])?(\\.[A-Za-z][A-Za-z0-9]*(\\[\\d{1,3}])?)*$";

    private static final Pattern WHOLE = Pattern.compile(SYNTAX);
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)(?:\\[(\\d{1,3})])?");
    private static final ClassValue<Constructor<?>> CANONICAL = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> record) {
            Class<?>[] types = Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                return record.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(record.getName() + " has no canonical constructor", e);
            }
        }
    };

    /** One step of a path: a field name, and the index of an entry when the field is a list. */
    public record Segment(String name, OptionalInt index) {
        @Override
        public String toString() {
            return index.isPresent() ? name + "[" + index.getAsInt() + "]" : name;
        }
    }

    /** Why a text is not a field path of an event type. */
    public enum Problem {
        /** The text does not have the shape {@code name[index].name}. */
        NOT_A_PATH,
        /** A segment names no field of the record it walks through. */
        NO_SUCH_FIELD,
        /** The path goes on past a plain value, or past a list without an index. */
        NOT_HELD,
        /** An index follows a field that is not a list. */
        NOT_A_LIST,
        /** The path ends at a group of fields (a nested record, a list, a map). */
        GROUP_OF_FIELDS
    }

    /** A text that is not a path of the event type. */
    public static final class Invalid extends IllegalArgumentException {
        private final Problem problem;
        private final String path;
        private final String at;

        Invalid(Problem problem, String path, String at, Class<?> eventType) {
            super("%s is not a field path of %s: %s".formatted(path, eventType.getSimpleName(), problem));
            this.problem = problem;
            this.path = path;
            this.at = at;
        }

        public Problem problem() {
            return problem;
        }

        public String path() {
            return path;
        }

        /** The name in the path where the problem was found; null when the text is no path at all. */
        public String at() {
            return at;
        }
    }

    /**
     * How far a path reaches into one event: the whole way, or it stops at a list with too few
     * entries ({@link #entries()} of them) or at an absent (null) group of fields.
     */
    public record Reach(boolean whole, String stoppedAt, int entries) {
        static final Reach WHOLE = new Reach(true, null, 0);

        /** The path stopped at a list that holds fewer entries than its index needs. */
        public boolean listTooShort() {
            return !whole && entries >= 0;
        }
    }

    private final Class<? extends SmpEvent> eventType;
    private final List<Segment> segments;
    private final List<RecordComponent> fields;
    private final FieldKind kind;

    private FieldPath(
            Class<? extends SmpEvent> eventType, List<Segment> segments, List<RecordComponent> fields, FieldKind kind) {
        this.eventType = eventType;
        this.segments = List.copyOf(segments);
        this.fields = List.copyOf(fields);
        this.kind = kind;
    }

    /**
     * The path this text names in events of this type.
     *
     * @throws Invalid when the event type has no such field (see {@link Problem})
     */
    public static FieldPath parse(Class<? extends SmpEvent> eventType, String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new Invalid(Problem.NOT_A_PATH, text, null, eventType);
        }
        List<Segment> segments = new ArrayList<>();
        List<RecordComponent> fields = new ArrayList<>();
        Class<?> holder = eventType;
        for (String part : text.split("\\.")) {
            Matcher matcher = SEGMENT.matcher(part);
            matcher.matches();
            String name = matcher.group(1);
            if (!holder.isRecord()) {
                throw new Invalid(Problem.NOT_HELD, text, name, eventType);
            }
            RecordComponent field = Arrays.stream(holder.getRecordComponents())
                    .filter(c -> c.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new Invalid(Problem.NO_SUCH_FIELD, text, name, eventType));
            holder = field.getType();
            OptionalInt index = OptionalInt.empty();
            if (matcher.group(2) != null) {
                if (!List.class.isAssignableFrom(holder)) {
                    throw new Invalid(Problem.NOT_A_LIST, text, name, eventType);
                }
                index = OptionalInt.of(Integer.parseInt(matcher.group(2)));
                holder = elementType(field);
                if (holder == null) {
                    throw new Invalid(Problem.NOT_HELD, text, name, eventType);
                }
            }
            segments.add(new Segment(name, index));
            fields.add(field);
        }
        RecordComponent last = fields.get(fields.size() - 1);
        FieldKind kind = FieldKind.of(
                        holder, last.isAnnotationPresent(NotNegative.class), last.isAnnotationPresent(Proportion.class))
                .orElseThrow(() -> new Invalid(Problem.GROUP_OF_FIELDS, text, last.getName(), eventType));
        return new FieldPath(eventType, segments, fields, kind);
    }

    private static Class<?> elementType(RecordComponent list) {
        return list.getGenericType() instanceof ParameterizedType parameterized
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                ? element
                : null;
    }

    public Class<? extends SmpEvent> eventType() {
        return eventType;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The kind of value at the end of the path. */
    public FieldKind kind() {
        return kind;
    }

    /** The name of the field the path ends at. */
    public String fieldName() {
        return segments.get(segments.size() - 1).name();
    }

    /** The record type declaring the field the path ends at (the event type, or a nested record). */
    public Class<?> declaringType() {
        return fields.get(fields.size() - 1).getDeclaringRecord();
    }

    /** The path passes through a field marked {@link Identifying} or {@link RecordId}. */
    public boolean identifying() {
        return fields.stream()
                .anyMatch(f -> f.isAnnotationPresent(Identifying.class) || f.isAnnotationPresent(RecordId.class));
    }

    /** The marks of the field the path ends at, with those of every field it passes through. */
    public FieldMarks marks() {
        FieldMarks marks = FieldMarks.NONE;
        for (RecordComponent field : fields) {
            marks = marks.and(FieldMarks.of(field));
        }
        return marks;
    }

    /** The list indexes along the path, in order: {@code [1, 0]} for {@code zoneWork[1].pigments[0].lotId}. */
    public List<Integer> indexes() {
        return segments.stream()
                .map(Segment::index)
                .filter(OptionalInt::isPresent)
                .map(OptionalInt::getAsInt)
                .toList();
    }

    /** Both paths name the same field of the same event type, whatever their list indexes. */
    public boolean sameField(FieldPath other) {
        if (eventType != other.eventType || segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).name().equals(other.segments.get(i).name())
                    || segments.get(i).index().isPresent()
                            != other.segments.get(i).index().isPresent()) {
                return false;
            }
        }
        return true;
    }

    /** How far the path reaches into this event (its lists may hold fewer entries than an index needs). */
    public Reach reachIn(SmpEvent event) {
        requireType(event);
        Object holder = event;
        for (int i = 0; i < segments.size(); i++) {
            if (holder == null) {
                return new Reach(false, segments.get(i - 1).name(), -1);
            }
            Object value = read(fields.get(i), holder);
            OptionalInt index = segments.get(i).index();
            if (index.isPresent()) {
                int entries = value instanceof List<?> list ? list.size() : 0;
                if (index.getAsInt() >= entries) {
                    return new Reach(false, segments.get(i).name(), entries);
                }
                value = ((List<?>) value).get(index.getAsInt());
            }
            holder = value;
        }
        return Reach.WHOLE;
    }

    /** The value at the end of the path in this event (null when the field is empty). */
    public Object valueIn(SmpEvent event) {
        requireWhole(event);
        Object holder = event;
        for (int i = 0; i < segments.size(); i++) {
            holder = entry(segments.get(i), read(fields.get(i), holder));
        }
        return holder;
    }

    /**
     * A copy of the event with the field at the end of the path set to {@code value} (of the
     * field's {@link FieldKind#type()}, as {@link FieldKind#read} gives it); every record and list
     * on the way is copied, the event itself is left as it is.
     */
    @SuppressWarnings("unchecked")
    public <E extends SmpEvent> E with(E event, Object value) {
        requireWhole(event);
        if (value == null || !box(kind.type()).isInstance(value)) {
            throw new IllegalArgumentException(
                    "%s of %s takes %s, not %s".formatted(this, eventType.getSimpleName(), kind.describe(), value));
        }
        return (E) replaced(event, 0, value);
    }

    private Object replaced(Object holder, int depth, Object value) {
        RecordComponent field = fields.get(depth);
        Segment segment = segments.get(depth);
        Object current = read(field, holder);
        Object replacement;
        if (segment.index().isPresent()) {
            List<Object> copy = new ArrayList<>((List<?>) current);
            int index = segment.index().getAsInt();
            copy.set(index, depth == fields.size() - 1 ? value : replaced(copy.get(index), depth + 1, value));
            replacement = Collections.unmodifiableList(copy);
        } else {
            replacement = depth == fields.size() - 1 ? value : replaced(current, depth + 1, value);
        }
        RecordComponent[] components = holder.getClass().getRecordComponents();
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            arguments[i] = components[i].getName().equals(field.getName()) ? replacement : read(components[i], holder);
        }
        try {
            return CANONICAL.get(holder.getClass()).newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(
                    "%s cannot hold %s: %s".formatted(this, value, e.getCause().getMessage()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + holder.getClass().getName(), e);
        }
    }

    private static Object entry(Segment segment, Object value) {
        return segment.index().isPresent()
                ? ((List<?>) value).get(segment.index().getAsInt())
                : value;
    }

    private void requireType(SmpEvent event) {
        if (event.getClass() != eventType) {
            throw new IllegalArgumentException(
                    "%s is a path of %s, not of %s".formatted(this, eventType.getSimpleName(), event.getClass()));
        }
    }

    private void requireWhole(SmpEvent event) {
        Reach reach = reachIn(event);
        if (!reach.whole()) {
            throw new IllegalArgumentException("%s does not reach into this %s: %s stops it"
                    .formatted(this, eventType.getSimpleName(), reach.stoppedAt()));
        }
    }

    private static Object read(RecordComponent field, Object holder) {
        try {
            return field.getAccessor().invoke(holder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + field.getName(), e);
        }
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        return type == double.class ? Double.class : Boolean.class;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath path && eventType == path.eventType && segments.equals(path.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventType, segments);
    }

    /** The path as text, e.g. {@code zoneWork[1].densityAddedFraction}. */
    @Override
    public String toString() {
        return segments.stream().map(Segment::toString).collect(Collectors.joining("."));
    }
}
