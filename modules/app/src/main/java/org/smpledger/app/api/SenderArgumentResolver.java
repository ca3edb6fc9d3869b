package org.smpledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Reads the {@link Sender} of a command from the request headers. */
class SenderArgumentResolver implements HandlerMethodArgumentResolver {

    static final String CLINIC = "X-Clinic-Id";
    static final String ACTOR = "X-Actor-Id";
    static final String ROLE = "X-Actor-Role";
    static final String CORRELATION = "X-Correlation-Id";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Sender.class;
    }

    @Override
    public Sender resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory)
            throws Exception {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        String clinic = required(request, CLINIC, parameter);
        String actor = required(request, ACTOR, parameter);
        String role = present(request.getHeader(ROLE)) ? request.getHeader(ROLE).trim() : "staff";
        String correlation = present(request.getHeader(CORRELATION))
                ? request.getHeader(CORRELATION).trim()
                : UUID.randomUUID().toString();
        String key = present(request.getHeader(IDEMPOTENCY_KEY))
                ? request.getHeader(IDEMPOTENCY_KEY).trim()
                : null;
        if (key != null && key.length() > 200) {
            throw new InvalidHeaderException(IDEMPOTENCY_KEY, "must be at most 200 characters");
        }
        return new Sender(clinic, actor, role, correlation, key, expectedVersion(request.getHeader("If-Match")));
    }

    private static Long expectedVersion(String ifMatch) {
        if (!present(ifMatch)) {
            return null;
        }
        Matcher version = VERSION.matcher(ifMatch.trim());
        if (!version.matches()) {
            throw new InvalidHeaderException("If-Match", "must be the stream version from an ETag, e.g. \"3\"");
        }
        return Long.parseLong(version.group(1));
    }

    private static String required(HttpServletRequest request, String header, MethodParameter parameter)
            throws MissingRequestHeaderException {
        String value = request.getHeader(header);
        if (!present(value)) {
            throw new MissingRequestHeaderException(header, parameter);
        }
        return value.trim();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A header that is there but cannot be read. */
    static final class InvalidHeaderException extends RuntimeException {
        final String header;

        InvalidHeaderException(String header, String message) {
            super(message);
            this.header = header;
        }
    }
}
