package org.smpledger.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of docs/architecture.md. */
@AnalyzeClasses(packages = "org.smpledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] INFRASTRUCTURE = {
        "org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..", "io.cloudevents.."
    };

    @ArchTest
    static final ArchRule domainEventsAndDensityStayFreeOfSpringMongoAndKafka = noClasses()
            .that()
            .resideInAnyPackage("org.smpledger.domain..", "org.smpledger.events..", "org.smpledger.density..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INFRASTRUCTURE)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule eventsDependOnNoFramework = noClasses()
            .that()
            .resideInAPackage("org.smpledger.events..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework..", "org.smpledger.domain..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule densityModelIsPlainJava = noClasses()
            .that()
            .resideInAPackage("org.smpledger.density..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework..", "org.smpledger.domain..");

    @ArchTest
    static final ArchRule projectionsAndPublisherReadEventsNotAggregates = noClasses()
            .that()
            .resideInAnyPackage("org.smpledger.projections..", "org.smpledger.publisher..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.smpledger.domain..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nothingDependsOnTheApp = noClasses()
            .that()
            .resideOutsideOfPackage("org.smpledger.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.smpledger.app..");

    @ArchTest
    static final ArchRule embeddedServersAreWiredOnlyByTheApp = noClasses()
            .that()
            .resideInAnyPackage(
                    "org.smpledger.domain..",
                    "org.smpledger.events..",
                    "org.smpledger.eventstore..",
                    "org.smpledger.projections..",
                    "org.smpledger.publisher..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.smpledger.embedded..")
            .allowEmptyShould(true);
}
