package org.smpledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.http.RequestHeaders;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Reads the {@link Sender} of a command from the request headers. */
class SenderArgumentResolver implements HandlerMethodArgumentResolver {

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
        String clinic = required(request, RequestHeaders.CLINIC_ID, parameter);
        String actor = required(request, RequestHeaders.ACTOR_ID, parameter);
        String role = optional(request, RequestHeaders.ACTOR_ROLE);
        String correlation = optional(request, RequestHeaders.CORRELATION_ID);
        String key = optional(request, RequestHeaders.IDEMPOTENCY_KEY);
        if (key != null && key.length() > 200) {
            throw invalid(RequestHeaders.IDEMPOTENCY_KEY, "must be at most 200 characters");
        }
        return new Sender(
                clinic,
                actor,
                role != null ? role : "staff",
                correlation != null ? correlation : UUID.randomUUID().toString(),
                key,
                expectedVersion(optional(request, RequestHeaders.IF_MATCH)));
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Matcher version = VERSION.matcher(ifMatch);
        if (!version.matches()) {
            throw invalid(RequestHeaders.IF_MATCH, "must be the stream version from an ETag, e.g. \"3\"");
        }
        return Long.parseLong(version.group(1));
    }

    private static String required(HttpServletRequest request, String header, MethodParameter parameter)
            throws MissingRequestHeaderException {
        String value = optional(request, header);
        if (value == null) {
            throw new MissingRequestHeaderException(header, parameter);
        }
        return value;
    }

    /** The header's trimmed value, or null when it is absent or blank. */
    private static String optional(HttpServletRequest request, String header) {
        String value = request.getHeader(header);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A header that is there but cannot be read. */
    private static ProblemException invalid(String header, String message) {
        return new ProblemException(Problems.invalidRequest(header, message));
    }
}
