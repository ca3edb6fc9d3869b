package org.smpledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With an identity provider configured, pages sign in through it (OpenID Connect, authorization
 * code flow) against a provider served in the test: the redirect to its authorization endpoint,
 * the code exchanged at its token endpoint with the client's secret, the ID token checked, and the
 * page session holding the staff member its access token names. The API stays a bearer resource
 * server: the page session's cookie does not sign an API request in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class PageSignInAtTheIdentityProviderTest {

    static final String CLIENT = "smp-ledger-pages";
    static final String SECRET = "pages-secret";
    static final String CODE = "the-code";

    static final TestIdentityProvider idp = start();

    /** What the token endpoint answers next: the access token's claims (the nonce comes from the request). */
    static final AtomicReference<JWTClaimsSet.Builder> nextAccessToken = new AtomicReference<>();

    static final AtomicReference<String> nonce = new AtomicReference<>();
    static final AtomicReference<String> tokenRequest = new AtomicReference<>();

    /** The refresh token the token endpoint issues with the next sign-in (none when null). */
    static final AtomicReference<String> nextRefreshToken = new AtomicReference<>();

    /** What a refresh with the issued refresh token answers: the new access token's claims (refused when null). */
    static final AtomicReference<JWTClaimsSet.Builder> refreshedAccessToken = new AtomicReference<>();

    static final AtomicReference<String> issuedRefreshToken = new AtomicReference<>();

    private static TestIdentityProvider start() {
        try {
            TestIdentityProvider provider = new TestIdentityProvider();
            provider.serve("/token", exchange -> {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String basic = exchange.getRequestHeaders().getFirst("Authorization");
                tokenRequest.set(basic + " " + form);
                boolean client = ("Basic "
                                + Base64.getEncoder()
                                        .encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                        .equals(basic);
                byte[] body;
                int status;
                boolean refresh = form.contains("grant_type=refresh_token")
                        && issuedRefreshToken.get() != null
                        && form.contains("refresh_token=" + issuedRefreshToken.get())
                        && refreshedAccessToken.get() != null;
                if (client && refresh) {
                    status = 200;
                    body = refreshedTokens().getBytes(StandardCharsets.UTF_8);
                } else if (!client
                        || !form.contains("code=" + CODE)
                        || !form.contains("grant_type=authorization_code")) {
                    status = 400;
                    body = "{\"error\": \"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 200;
                    body = tokens().getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            return provider;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tokens() {
        try {
            Instant now = Instant.now();
            String idToken = idp.signed(new JWTClaimsSet.Builder()
                    .issuer(TestIdentityProvider.ISSUER)
                    .subject("sub-kim")
                    .audience(CLIENT)
                    .claim("nonce", nonce.get())
                    .issueTime(Date.from(now.minusSeconds(5)))
                    .expirationTime(Date.from(now.plusSeconds(300))));
            String accessToken = idp.signed(nextAccessToken.get());
            issuedRefreshToken.set(nextRefreshToken.get());
            return "{\"access_token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": %d, \"id_token\": \"%s\","
                            .formatted(accessToken, expiresIn(nextAccessToken.get()), idToken)
                    + (nextRefreshToken.get() == null ? "" : " \"refresh_token\": \"" + nextRefreshToken.get() + "\",")
                    + " \"scope\": \"openid profile\"}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String refreshedTokens() {
        try {
            return "{\"access_token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": %d}"
                    .formatted(idp.signed(refreshedAccessToken.get()), expiresIn(refreshedAccessToken.get()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long expiresIn(JWTClaimsSet.Builder claims) {
        return Math.max(1, (claims.build().getExpirationTime().getTime() - System.currentTimeMillis()) / 1000);
    }

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("page-oidc"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.publisher.enabled", () -> "false");
        registry.add("smp.data-dir", Files.createTempDirectory("smp-page-oidc")::toString);
        registry.add("smp.security.jwt.jwk-set-uri", idp::jwkSetUri);
        registry.add("smp.security.jwt.issuer", () -> TestIdentityProvider.ISSUER);
        registry.add("smp.security.jwt.audience", () -> TestIdentityProvider.AUDIENCE);
        registry.add("smp.security.jwt.user-claim", () -> "preferred_username");
        registry.add("smp.security.jwt.clock-skew", () -> "1s");
        registry.add("smp.security.page-sign-in.client-id", () -> CLIENT);
        registry.add("smp.security.page-sign-in.client-secret", () -> SECRET);
        registry.add("smp.security.page-sign-in.authorization-uri", () -> idp.address() + "/auth");
        registry.add("smp.security.page-sign-in.token-uri", () -> idp.address() + "/token");
        registry.add("smp.security.page-sign-in.end-session-uri", () -> idp.address() + "/logout");
    }

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aPractitionerSignsInAtTheIdentityProviderAndThePagesShowTheirClinic() throws Exception {
        MockHttpSession session = new MockHttpSession();
        MockHttpServletResponse anonymous =
                mvc.perform(get("/clients").session(session)).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
        String login = mvc.perform(get("/login").session(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(login).contains("href=\"/oauth2/authorization/clinic-idp\"").doesNotContain("type=\"password\"");

        Map<String, String> asked = authorize(session);
        assertThat(asked)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT)
                .containsEntry("scope", "openid profile")
                .containsEntry("redirect_uri", "http://localhost/login/oauth2/code/clinic-idp")
                .containsKeys("state", "nonce");

        nextAccessToken.set(TestIdentityProvider.claims("kim", "clinic-north", "practitioner"));
        MockHttpServletResponse back = callback(session, asked.get("state"));
        assertThat(back.getStatus()).as(back.getContentAsString()).isEqualTo(302);
        assertThat(back.getRedirectedUrl()).contains("/clients");
        assertThat(tokenRequest.get())
                .contains("redirect_uri=http%3A%2F%2Flocalhost%2Flogin%2Foauth2%2Fcode%2Fclinic-idp");

        MockHttpServletResponse clients =
                mvc.perform(get("/clients").session(session)).andReturn().getResponse();
        assertThat(clients.getStatus()).isEqualTo(200);
        assertThat(clients.getContentAsString()).contains("<span>kim</span>").contains("<span>clinic-north</span>");

        // the API keeps to bearer tokens: the page session signs no API request in
        assertThat(mvc.perform(get("/api/clinic-policy").session(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);

        MockHttpServletResponse signedOut = mvc.perform(
                        post("/logout").with(csrf()).session(session))
                .andReturn()
                .getResponse();
        assertThat(signedOut.getStatus()).isEqualTo(302);
        assertThat(signedOut.getRedirectedUrl()).startsWith(idp.address() + "/logout?");
        assertThat(URLDecoder.decode(signedOut.getRedirectedUrl(), StandardCharsets.UTF_8))
                .contains("client_id=" + CLIENT)
                .contains("id_token_hint=ey")
                .contains("post_logout_redirect_uri=http://localhost/login?signed-out");
        assertThat(mvc.perform(get("/clients").session(new MockHttpSession()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(302);
    }

    @Test
    void anAccessTokenThatNamesNoClinicIsARefusedSignIn() throws Exception {
        MockHttpSession session = new MockHttpSession();
        Map<String, String> asked = authorize(session);
        nextAccessToken.set(TestIdentityProvider.claims("lee", "clinic-north", "practitioner")
                .claim("clinic_id", null));
        MockHttpServletResponse back = callback(session, asked.get("state"));
        assertThat(back.getStatus()).isEqualTo(403);
        assertThat(back.getContentAsString()).contains("not for this service").doesNotContain("Exception");
        MockHttpServletResponse after = mvc.perform(get("/clients").session(new MockHttpSession()))
                .andReturn()
                .getResponse();
        assertThat(after.getStatus()).isEqualTo(302);
    }

    @Test
    void aWrongStateIsRefusedAndNoCodeIsExchanged() throws Exception {
        MockHttpSession session = new MockHttpSession();
        authorize(session);
        tokenRequest.set(null);
        MockHttpServletResponse back = callback(session, "forged");
        assertThat(back.getStatus()).isEqualTo(401);
        assertThat(back.getContentAsString()).contains("did not sign you in");
        assertThat(tokenRequest.get()).isNull();
    }

    @Test
    void aPageRequestAfterTheAccessTokenExpiredSignsInAgainRatherThanContinuing() throws Exception {
        Instant expires = Instant.now().plusSeconds(3);
        MockHttpSession session = signedIn(
                TestIdentityProvider.claims("ines", "clinic-north", "practitioner")
                        .expirationTime(Date.from(expires)),
                null);
        assertThat(mvc.perform(get("/clients").session(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        pastExpiry(expires);
        tokenRequest.set(null);
        MockHttpServletResponse after =
                mvc.perform(get("/clients").session(session)).andReturn().getResponse();
        assertThat(after.getStatus()).isEqualTo(302);
        assertThat(after.getRedirectedUrl()).endsWith("/login");
        assertThat(session.isInvalid())
                .as("the page session ends with its token")
                .isTrue();
        assertThat(tokenRequest.get())
                .as("no refresh token: nothing to refresh")
                .isNull();
    }

    @Test
    void aPageSessionWithARefreshTokenIsRenewedAtTheProviderAndFollowsTheNewToken() throws Exception {
        Instant expires = Instant.now().plusSeconds(3);
        MockHttpSession session = signedIn(
                TestIdentityProvider.claims("jo", "clinic-north", "practitioner")
                        .expirationTime(Date.from(expires)),
                "refresh-jo-1");
        Instant renewedExpires = Instant.now().plusSeconds(7);
        refreshedAccessToken.set(
                TestIdentityProvider.claims("jo", "clinic-north", "analyst").expirationTime(Date.from(renewedExpires)));

        pastExpiry(expires);
        tokenRequest.set(null);
        MockHttpServletResponse renewed =
                mvc.perform(get("/clients").session(session)).andReturn().getResponse();
        assertThat(renewed.getStatus()).isEqualTo(200);
        assertThat(tokenRequest.get())
                .startsWith("Basic ")
                .contains("grant_type=refresh_token", "refresh_token=refresh-jo-1");
        assertThat(renewed.getContentAsString()).contains("<span>jo</span>");
        // the roles follow the new token: an analyst records nothing
        assertThat(mvc.perform(get("/clients/any-client/record/session").session(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);

        // the provider no longer refreshes (the user was disabled there): the session ends
        refreshedAccessToken.set(null);
        pastExpiry(renewedExpires);
        MockHttpServletResponse ended =
                mvc.perform(get("/clients").session(session)).andReturn().getResponse();
        assertThat(ended.getStatus()).isEqualTo(302);
        assertThat(ended.getRedirectedUrl()).endsWith("/login");
        assertThat(session.isInvalid()).isTrue();
    }

    /** A session signed in at the provider with an access token of these claims (and a refresh token, if given). */
    private MockHttpSession signedIn(JWTClaimsSet.Builder accessToken, String refreshToken) throws Exception {
        MockHttpSession session = new MockHttpSession();
        Map<String, String> asked = authorize(session);
        nextAccessToken.set(accessToken);
        nextRefreshToken.set(refreshToken);
        MockHttpServletResponse back = callback(session, asked.get("state"));
        nextRefreshToken.set(null);
        assertThat(back.getStatus()).as(back.getContentAsString()).isEqualTo(302);
        return session;
    }

    /** Waits until the token's expiry and the clock skew (1 s here) have passed. */
    private static void pastExpiry(Instant expires) throws InterruptedException {
        long wait = Duration.between(Instant.now(), expires.plusMillis(1_300)).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Starts the sign-in; returns the authorization request's parameters (and keeps its nonce for the ID token). */
    /** The provider sends the browser back with the code and the given state. */
    private MockHttpServletResponse callback(MockHttpSession session, String state) throws Exception {
        return mvc.perform(get("/login/oauth2/code/clinic-idp")
                        .param("code", CODE)
                        .param("state", state)
                        .session(session))
                .andReturn()
                .getResponse();
    }

    private Map<String, String> authorize(MockHttpSession session) throws Exception {
        MockHttpServletResponse start = mvc.perform(
                        get("/oauth2/authorization/clinic-idp").session(session))
                .andReturn()
                .getResponse();
        assertThat(start.getStatus()).isEqualTo(302);
        URI to = URI.create(start.getRedirectedUrl());
        assertThat(to.getScheme() + "://" + to.getAuthority() + to.getPath()).isEqualTo(idp.address() + "/auth");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : List.of(to.getRawQuery().split("&"))) {
            String[] kv = pair.split("=", 2);
            parameters.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        nonce.set(parameters.get("nonce"));
        return parameters;
    }
}
