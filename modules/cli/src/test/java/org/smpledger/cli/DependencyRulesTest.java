package org.smpledger.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The tool reads events, never aggregates or the service: it does not import {@code domain}, {@code app}
 * or {@code publisher}; it reaches the verifier only through its command line; and it makes no Jackson
 * mapper of its own (the service's one comes from {@code serialization}).
 */
@AnalyzeClasses(packages = "org.smpledger.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    @ArchTest
    static final ArchRule readsEventsNotTheDomainOrTheService = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.smpledger.domain..", "org.smpledger.app..", "org.smpledger.publisher..");

    @ArchTest
    static final ArchRule usesTheVerifierThroughItsCommandLineOnly = noClasses()
            .that()
            .doNotHaveSimpleName("VerifyCommand")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.smpledger.verifier..");

    @ArchTest
    static final ArchRule makesNoJacksonMapper =
            noClasses().should().callConstructor(ObjectMapper.class).orShould().callMethod(ObjectMapper.class, "copy");
}
