package org.smpledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so the compose file and the Dockerfile are kept honest by reading them. */
class DockerComposeFileTest {

    private static final Path ROOT = Path.of("../..");

    @Test
    @SuppressWarnings("unchecked")
    void composeWiresTheAppToAReplicaSetAndAKraftBrokerThroughTheVariablesTheAppReads() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("mongo", "kafka", "app");

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
