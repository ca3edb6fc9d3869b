package org.smpledger.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smpledger.app.access.AccessAttempt;
import org.smpledger.app.http.ProblemException;
import org.smpledger.app.http.Problems;
import org.smpledger.app.http.RequestHeaders;
import org.smpledger.app.security.Admits;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffMember;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Makes the {@link Sender} of a command: who, which clinic and which role from the authenticated
 * principal and the endpoint's {@link Admits} (any {@code X-Clinic-Id}, {@code X-Actor-Id} or
 * {@code X-Actor-Role} header is ignored), correlation, idempotency and expected version from the headers.
 */
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
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffMember staff)) {
            throw new AuthenticationCredentialsNotFoundException("a command needs an authenticated user");
        }
        Admits admits = parameter.getMethodAnnotation(Admits.class);
        Role role = staff.actingAs(admits == null ? new Role[0] : admits.value())
                .orElseThrow(() -> new AccessDeniedException("no admitted role"));
        String correlation = AccessAttempt.of(request)
                .map(AccessAttempt::correlationId)
                .orElseGet(() -> {
                    String sent = optional(request, RequestHeaders.CORRELATION_ID);
                    return sent != null ? sent : UUID.randomUUID().toString();
                });
        String key = optional(request, RequestHeaders.IDEMPOTENCY_KEY);
        if (key != null && key.length() > 200) {
            throw invalid(RequestHeaders.IDEMPOTENCY_KEY, "must be at most 200 characters");
        }
        return new Sender(
                staff.clinicId(),
                staff.userId(),
                role.roleName(),
                staff.authenticatedBy(),
                correlation,
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
