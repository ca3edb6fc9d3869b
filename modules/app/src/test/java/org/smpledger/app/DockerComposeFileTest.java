package org.smpledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.smpledger.app.security.Role;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so the compose file and the Dockerfile are kept honest by reading them. */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("../..");

    @Test
    @SuppressWarnings("unchecked")
    void composeWiresTheAppToAReplicaSetAndAKraftBrokerThroughTheVariablesTheAppReads() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("mongo", "kafka", "app", "app-2", "lb");

        Map<String, Object> mongo = services.get("mongo");
        assertThat(String.valueOf(mongo.get("command"))).contains("--replSet");
        assertThat(String.valueOf(((Map<String, Object>) mongo.get("healthcheck")).get("test")))
                .contains("rs.initiate");

        Map<String, String> kafkaEnv =
                (Map<String, String>) services.get("kafka").get("environment");
        assertThat(kafkaEnv.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");

        Map<String, Object> app = services.get("app");
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        for (String module : rootPomModules()) {
            String topFolder = module.split("/")[0];
            assertThat(dockerfile)
                    .as("the image build copies %s (a module of the root pom)", module)
                    .containsPattern("(?m)^COPY " + topFolder + " " + topFolder + "$");
        }
        assertThat(((Map<String, Object>) app.get("build")).get("context")).isEqualTo(".");
        assertThat(ROOT.resolve(String.valueOf(((Map<String, Object>) app.get("build")).get("dockerfile"))))
                .isRegularFile();
        Map<String, String> appEnv = (Map<String, String>) app.get("environment");
        String applicationYml = Files.readString(ROOT.resolve("modules/app/src/main/resources/application.yml"));
        for (String variable : List.of("SMP_MONGODB_URI", "SMP_KAFKA_BOOTSTRAP_SERVERS")) {
            assertThat(appEnv).containsKey(variable);
            assertThat(applicationYml).contains("${" + variable + ":");
        }
        assertThat(appEnv.get("SMP_MONGODB_URI")).startsWith("mongodb://mongo:").contains("replicaSet=");
        assertThat(appEnv.get("SMP_KAFKA_BOOTSTRAP_SERVERS")).startsWith("kafka:");
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) app.get("depends_on");
        assertThat(dependsOn.get("mongo")).containsEntry("condition", "service_healthy");
        assertThat(dependsOn.get("kafka")).containsEntry("condition", "service_healthy");

        Map<String, Object> second = services.get("app-2");
        Map<String, String> secondEnv = (Map<String, String>) second.get("environment");
        assertThat(secondEnv)
                .as("the second instance runs on the same store and broker under its own id")
                .containsEntry("SMP_MONGODB_URI", appEnv.get("SMP_MONGODB_URI"))
                .containsEntry("SMP_KAFKA_BOOTSTRAP_SERVERS", appEnv.get("SMP_KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(secondEnv.get("SMP_INSTANCE_ID")).isNotEqualTo(appEnv.get("SMP_INSTANCE_ID"));
        assertThat(applicationYml).contains("${SMP_INSTANCE_ID:");
        assertThat(second.get("healthcheck")).isEqualTo(app.get("healthcheck"));

        Map<String, Object> lb = services.get("lb");
        assertThat((List<String>) lb.get("ports")).containsExactly("8080:8080");
        String mount = ((List<String>) lb.get("volumes")).get(0);
        String nginx = Files.readString(ROOT.resolve(mount.substring(0, mount.indexOf(':'))));
        assertThat(nginx)
                .contains("server app:8080")
                .contains("server app-2:8080")
                .contains("listen 8080")
                .as("a browser's page session stays on the instance that holds it")
                .contains("ip_hash;")
                .contains("proxy_set_header Host $http_host;");
        assertThat(app.get("ports"))
                .as("only the load balancer publishes a port")
                .isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeSignsInThroughKeycloaksDemoRealmWhoseTokensCarryWhatTheAppIsToldToRead() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> keycloak = services.get("keycloak");
        assertThat(String.valueOf(keycloak.get("image"))).startsWith("quay.io/keycloak/keycloak:");
        assertThat((List<String>) keycloak.get("command")).contains("--import-realm");
        String realmMount = ((List<String>) keycloak.get("volumes"))
                .stream()
                        .filter(v -> v.contains("/opt/keycloak/data/import/"))
                        .findFirst()
                        .orElseThrow();
        Path realmFile = ROOT.resolve(realmMount.split(":")[0]);
        assertThat(realmFile).isRegularFile();
        Map<String, String> keycloakEnv = (Map<String, String>) keycloak.get("environment");
        String publicAddress = keycloakEnv.get("KC_HOSTNAME");

        Map<String, Object> realm = new ObjectMapper().readValue(Files.readString(realmFile), Map.class);
        String realmName = (String) realm.get("realm");
        Map<String, String> appEnv = (Map<String, String>) services.get("app").get("environment");
        String applicationYml = Files.readString(ROOT.resolve("modules/app/src/main/resources/application.yml"));
        for (String variable : List.of(
                "SMP_JWT_ISSUER",
                "SMP_JWT_JWK_SET_URI",
                "SMP_JWT_AUDIENCE",
                "SMP_JWT_CLINIC_CLAIM",
                "SMP_JWT_ROLES_CLAIM",
                "SMP_JWT_USER_CLAIM")) {
            assertThat(appEnv).containsKey(variable);
            assertThat(applicationYml).contains("${" + variable + ":");
        }
        assertThat(appEnv.get("SMP_JWT_ISSUER")).isEqualTo(publicAddress + "/realms/" + realmName);
        assertThat(appEnv.get("SMP_JWT_JWK_SET_URI"))
                .isEqualTo("http://keycloak:8080/realms/" + realmName + "/protocol/openid-connect/certs");
        assertThat(((Map<String, Map<String, String>>) services.get("app").get("depends_on")).get("keycloak"))
                .containsEntry("condition", "service_healthy");

        List<Map<String, String>> realmRoles =
                ((Map<String, List<Map<String, String>>>) realm.get("roles")).get("realm");
        assertThat(realmRoles)
                .extracting(role -> role.get("name"))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Role.values()).map(Role::roleName).toList());

        List<Map<String, Object>> clients = (List<Map<String, Object>>) realm.get("clients");
        assertThat(clients).extracting(c -> c.get("clientId")).contains(appEnv.get("SMP_JWT_AUDIENCE"));
        List<Map<String, Object>> mappers = clients.stream()
                .flatMap(c -> ((List<Map<String, Object>>) c.getOrDefault("protocolMappers", List.of())).stream())
                .toList();
        assertThat(mappers)
                .anySatisfy(m -> assertThat(((Map<String, String>) m.get("config")).get("included.client.audience"))
                        .isEqualTo(appEnv.get("SMP_JWT_AUDIENCE")));
        assertThat(mappers)
                .anySatisfy(m -> assertThat(((Map<String, String>) m.get("config")))
                        .containsEntry("user.attribute", "clinic_id")
                        .containsEntry("claim.name", appEnv.get("SMP_JWT_CLINIC_CLAIM")));
        assertThat(mappers).anySatisfy(m -> {
            assertThat(m.get("protocolMapper")).isEqualTo("oidc-usermodel-realm-role-mapper");
            assertThat(((Map<String, String>) m.get("config")))
                    .containsEntry("claim.name", appEnv.get("SMP_JWT_ROLES_CLAIM"));
        });
        String profile = String.valueOf(realm.get("components"));
        assertThat(profile).as("the user profile declares the clinic attribute").contains("clinic_id");

        List<Map<String, Object>> users = (List<Map<String, Object>>) realm.get("users");
        for (Role role : Role.values()) {
            assertThat(users).as("a demo user for " + role.roleName()).anySatisfy(user -> {
                assertThat((List<String>) user.get("realmRoles")).containsExactly(role.roleName());
                assertThat(((Map<String, List<String>>) user.get("attributes")).get("clinic_id"))
                        .containsExactly("demo-clinic");
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeSignsThePagesInAtKeycloakAsAConfidentialClientWhoseRedirectAndTokensFitTheApp() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, String> appEnv = (Map<String, String>) services.get("app").get("environment");
        String applicationYml = Files.readString(ROOT.resolve("modules/app/src/main/resources/application.yml"));
        for (String variable : List.of(
                "SMP_PAGE_SIGN_IN_CLIENT_ID",
                "SMP_PAGE_SIGN_IN_CLIENT_SECRET",
                "SMP_PAGE_SIGN_IN_AUTHORIZATION_URI",
                "SMP_PAGE_SIGN_IN_TOKEN_URI",
                "SMP_PAGE_SIGN_IN_END_SESSION_URI")) {
            assertThat(appEnv).containsKey(variable);
            assertThat(applicationYml).contains("${" + variable + ":");
        }
        String publicRealm = appEnv.get("SMP_JWT_ISSUER");
        assertThat(appEnv.get("SMP_PAGE_SIGN_IN_AUTHORIZATION_URI"))
                .isEqualTo(publicRealm + "/protocol/openid-connect/auth");
        assertThat(appEnv.get("SMP_PAGE_SIGN_IN_END_SESSION_URI"))
                .isEqualTo(publicRealm + "/protocol/openid-connect/logout");
        assertThat(appEnv.get("SMP_PAGE_SIGN_IN_TOKEN_URI"))
                .startsWith("http://keycloak:8080/realms/")
                .endsWith("/protocol/openid-connect/token");

        Map<String, Object> realm = new ObjectMapper()
                .readValue(Files.readString(ROOT.resolve("keycloak/smp-ledger-realm.json")), Map.class);
        Map<String, Object> pages = ((List<Map<String, Object>>) realm.get("clients"))
                .stream()
                        .filter(c -> appEnv.get("SMP_PAGE_SIGN_IN_CLIENT_ID").equals(c.get("clientId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(pages)
                .containsEntry("publicClient", false)
                .containsEntry("standardFlowEnabled", true)
                .containsEntry("secret", appEnv.get("SMP_PAGE_SIGN_IN_CLIENT_SECRET"));
        assertThat((List<String>) pages.get("redirectUris"))
                .containsExactly("http://localhost:8080/login/oauth2/code/clinic-idp");
        assertThat(String.valueOf(pages.get("protocolMappers")))
                .contains("included.client.audience=" + appEnv.get("SMP_JWT_AUDIENCE"))
                .contains("claim.name=" + appEnv.get("SMP_JWT_CLINIC_CLAIM"))
                .contains("claim.name=" + appEnv.get("SMP_JWT_ROLES_CLAIM"));
    }

    private static List<String> rootPomModules() throws IOException {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        List<String> modules = new java.util.ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).isNotEmpty();
        return modules;
    }
}
