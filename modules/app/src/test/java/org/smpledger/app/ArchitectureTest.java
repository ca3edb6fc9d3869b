package org.smpledger.app;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.smpledger.app.security.Admits;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The dependency rules of docs/architecture.md. A rule whose classes are all gone (a package
 * renamed) fails rather than passing on nothing, and every module package the rules name must hold
 * classes, so a rule naming several packages cannot silently lose one.
 */
@AnalyzeClasses(packages = "org.smpledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String APP = "org.smpledger.app..";
    private static final String DOMAIN = "org.smpledger.domain..";
    private static final String EVENTS = "org.smpledger.events..";
    private static final String DENSITY = "org.smpledger.density..";
    private static final String EVENTSTORE = "org.smpledger.eventstore..";
    private static final String PROJECTIONS = "org.smpledger.projections..";
    private static final String PUBLISHER = "org.smpledger.publisher..";
    private static final String EMBEDDED = "org.smpledger.embedded..";
    private static final String PROCESSING = "org.smpledger.processing..";
    private static final String SERIALIZATION = "org.smpledger.serialization..";
    private static final String ACCESSLOG = "org.smpledger.accesslog..";
    private static final String TREATMENTLOG = "org.smpledger.treatmentlog..";
    private static final String VERIFIER = "org.smpledger.verifier..";
    private static final String PERSONALDATA = "org.smpledger.personaldata..";

    private static final String[] INFRASTRUCTURE = {
        "org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..", "io.cloudevents.."
    };

    @ArchTest
    static void everyPackageTheRulesNameHoldsClasses(JavaClasses classes) {
        for (String modulePackage : List.of(
                APP,
                DOMAIN,
                EVENTS,
                DENSITY,
                EVENTSTORE,
                PROJECTIONS,
                PUBLISHER,
                EMBEDDED,
                PROCESSING,
                SERIALIZATION,
                ACCESSLOG,
                TREATMENTLOG,
                VERIFIER,
                PERSONALDATA)) {
            assertThat(classes.that(resideInAPackage(modulePackage)))
                    .as(modulePackage)
                    .isNotEmpty();
        }
    }

    @ArchTest
    static final ArchRule domainEventsAndDensityStayFreeOfSpringMongoAndKafka = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, EVENTS, DENSITY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INFRASTRUCTURE);

    @ArchTest
    static final ArchRule eventsDependOnNoFramework = noClasses()
            .that()
            .resideInAPackage(EVENTS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework..", DOMAIN);

    @ArchTest
    static final ArchRule densityModelIsPlainJava = noClasses()
            .that()
            .resideInAPackage(DENSITY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework..", DOMAIN);

    @ArchTest
    static final ArchRule projectionsAndPublisherReadEventsNotAggregates = noClasses()
            .that()
            .resideInAnyPackage(PROJECTIONS, PUBLISHER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(DOMAIN);

    @ArchTest
    static final ArchRule nothingDependsOnTheApp = noClasses()
            .that()
            .resideOutsideOfPackage(APP)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(APP);

    /** The access log stands alone (MongoDB driver only), so a command line or another service can read it. */
    @ArchTest
    static final ArchRule theAccessLogNeedsNoSpringAxonNorOtherModules = noClasses()
            .that()
            .resideInAPackage(ACCESSLOG)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "org.axonframework..",
                    "org.apache.kafka..",
                    DOMAIN,
                    EVENTS,
                    EVENTSTORE,
                    PROJECTIONS,
                    PUBLISHER);

    /**
     * The tree is built from the raw commit documents, never from what Axon or the domain make of them:
     * the service's side of the verifiable log knows no Spring, aggregate, event type or storage engine.
     */
    @ArchTest
    static final ArchRule theVerifiableLogReadsDocumentsNotEvents = noClasses()
            .that()
            .resideInAnyPackage(TREATMENTLOG, VERIFIER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", DOMAIN, EVENTS, EVENTSTORE, PROJECTIONS, PUBLISHER);

    /**
     * Personal data at rest knows the contract and the JSON configuration, nothing of the service around
     * it: no Spring, no read model, no publisher, no domain (docs/security.md, "Personal data").
     */
    @ArchTest
    static final ArchRule personalDataKnowsOnlyTheContract = noClasses()
            .that()
            .resideInAPackage(PERSONALDATA)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", DOMAIN, EVENTSTORE, PROJECTIONS, PUBLISHER, APP);

    /** Every endpoint says which roles it admits (docs/security.md, "Roles"). */
    @ArchTest
    static final ArchRule everyEndpointDeclaresItsRoles = methods()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage(APP)
            .and(annotatedWith(GetMapping.class)
                    .or(annotatedWith(PostMapping.class))
                    .or(annotatedWith(PutMapping.class))
                    .or(annotatedWith(DeleteMapping.class))
                    .or(annotatedWith(PatchMapping.class))
                    .or(annotatedWith(RequestMapping.class)))
            .should()
            .beAnnotatedWith(Admits.class);

    @ArchTest
    static final ArchRule embeddedServersAreWiredOnlyByTheApp = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, EVENTS, EVENTSTORE, PROJECTIONS, PUBLISHER, ACCESSLOG, PERSONALDATA)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(EMBEDDED);

    @ArchTest
    static final ArchRule processingAndSerializationServeEveryoneAndKnowNoOne = noClasses()
            .that()
            .resideInAnyPackage(PROCESSING, SERIALIZATION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    DOMAIN,
                    PROJECTIONS,
                    PUBLISHER,
                    EVENTSTORE,
                    "org.springframework..",
                    "com.mongodb..",
                    "org.apache.kafka..");

    @ArchTest
    static final ArchRule oneJsonConfigurationForTheService = noClasses()
            .that()
            .resideOutsideOfPackage(SERIALIZATION)
            .should()
            .callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
            .orShould()
            .callMethod(JsonMapper.class, "builder")
            .because("every ObjectMapper is the service's (ServiceJson), so stored events, the API and the"
                    + " Kafka payloads read and write JSON the same way");
}
