package org.smpledger.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.smpledger.app.security.Role;
import org.smpledger.app.security.StaffAuthentication;
import org.smpledger.app.security.StaffMember;
import org.smpledger.app.testing.Staff;
import org.smpledger.embedded.testing.TestKafka;
import org.smpledger.embedded.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every page as every role of the client's clinic, of another clinic, and anonymously: the status
 * each gets, that another clinic's client reads exactly as an unknown one, that no page names the
 * client to another clinic, that an analyst never gets the client's name, and that a form without
 * its CSRF token records nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class PagesForEveryRoleTest {

    static final String CLINIC = "clinic-pages";
    static final String OTHER = "clinic-pages-other";
    static final String NAME = "Kim Pageroles";

    @DynamicPropertySource
    static void backingServices(DynamicPropertyRegistry registry) throws Exception {
        registry.add("smp.mongodb.uri", TestMongo::connectionString);
        registry.add("smp.mongodb.database", () -> TestMongo.freshDatabaseName("page-roles"));
        registry.add("smp.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("smp.data-dir", Files.createTempDirectory("smp-page-roles")::toString);
        Staff.register(registry, CLINIC, OTHER);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Test
    void eachPageAnswersEachRoleAsTheRolesTableSays() throws Exception {
        String client = json.readTree(mvc.perform(post("/api/clients")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"personalDetails\": {\"fullName\": \"" + NAME
                                        + "\", \"dateOfBirth\": \"1981-01-02\"}}")
                                .with(Staff.practitioner(CLINIC).basic()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("clientId")
                .asText();
        Set<Role> records = Set.of(Role.PRACTITIONER, Role.AUDITOR, Role.ANALYST);
        Map<String, Set<Role>> pages = Map.of(
                "/clients",
                Set.of(Role.values()),
                "/clients/" + client,
                records,
                "/clients/" + client + "/record/session",
                Set.of(Role.PRACTITIONER),
                "/risk-flags",
                records,
                "/lots",
                Set.of(Role.values()),
                "/audit",
                Set.of(Role.AUDITOR),
                "/audit/clients/" + client,
                Set.of(Role.AUDITOR));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<Role>> page : pages.entrySet()) {
            MockHttpServletResponse anonymous =
                    mvc.perform(get(page.getKey())).andReturn().getResponse();
            if (anonymous.getStatus() != 302 || !anonymous.getRedirectedUrl().endsWith("/login")) {
                wrong.add("anonymous " + page.getKey() + ": " + anonymous.getStatus());
            }
            for (Role role : Role.values()) {
                MockHttpServletResponse own = as(role, CLINIC, get(page.getKey()));
                int expected = page.getValue().contains(role) ? 200 : 403;
                if (own.getStatus() != expected) {
                    wrong.add(role + " of the clinic " + page.getKey() + ": " + own.getStatus() + ", expected "
                            + expected);
                }
                String body = own.getContentAsString();
                if (role == Role.ANALYST && body.contains("Kim")) {
                    wrong.add("the analyst got the client's name on " + page.getKey());
                }
                MockHttpServletResponse other = as(role, OTHER, get(page.getKey()));
                String theirs = other.getContentAsString();
                boolean namesTheClient = page.getKey().contains(client);
                int expectedOther = page.getValue().contains(role) ? (namesTheClient ? 404 : 200) : 403;
                if (other.getStatus() != expectedOther) {
                    wrong.add(role + " of another clinic " + page.getKey() + ": " + other.getStatus() + ", expected "
                            + expectedOther);
                }
                if (theirs.contains("Kim") || (!namesTheClient && theirs.contains(client))) {
                    wrong.add(role + " of another clinic saw the client on " + page.getKey());
                }
                if (other.getStatus() == 404) {
                    String unknown = as(role, OTHER, get(page.getKey().replace(client, "no-such-client")))
                            .getContentAsString()
                            .replace("no-such-client", "X");
                    if (!withoutToken(theirs.replace(client, "X")).equals(withoutToken(unknown))) {
                        wrong.add(role + " of another clinic: " + page.getKey() + " differs from an unknown client's");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aFormWithoutItsCsrfTokenRecordsNothingAndOneWithItDoes() throws Exception {
        String client = json.readTree(mvc.perform(post("/api/clients")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"personalDetails\": {\"fullName\": \"Sam Csrf\", \"dateOfBirth\": \"1981-01-02\"}}")
                                .with(Staff.practitioner(CLINIC).basic()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("clientId")
                .asText();
        MockHttpServletRequestBuilder consent = post("/clients/" + client + "/record/consent")
                .param("formVersion", "v3")
                .param("documentRef", "consents/x.pdf");
        assertThat(as(Role.PRACTITIONER, CLINIC, consent).getStatus()).isEqualTo(403);
        assertThat(eventCount(client)).isEqualTo(1);
        MockHttpServletResponse recorded = as(Role.PRACTITIONER, CLINIC, consent.with(csrf()));
        assertThat(recorded.getStatus()).isEqualTo(302);
        assertThat(recorded.getRedirectedUrl()).isEqualTo("/clients/" + client);
        assertThat(eventCount(client)).isEqualTo(2);
        MockHttpServletResponse bad = as(
                Role.PRACTITIONER,
                CLINIC,
                post("/clients/" + client + "/record/consent")
                        .param("formVersion", "v3")
                        .with(csrf()));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString())
                .contains("id=\"f-documentRef-error\"")
                .doesNotContain("Exception");
        assertThat(eventCount(client)).isEqualTo(2);
    }

    private int eventCount(String client) throws Exception {
        return json.readTree(mvc.perform(get("/api/clients/" + client + "/events")
                                .with(Staff.auditor(CLINIC).basic()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("total")
                .asInt();
    }

    private MockHttpServletResponse as(Role role, String clinic, MockHttpServletRequestBuilder request)
            throws Exception {
        StaffMember member =
                new StaffMember(Staff.of(role, clinic).username(), clinic, Set.of(role), StaffMember.LOCAL);
        return mvc.perform(request.with(authentication(new StaffAuthentication(member))))
                .andReturn()
                .getResponse();
    }

    private static String withoutToken(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }
}
