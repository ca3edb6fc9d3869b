package org.smpledger.verifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The verifier is for third parties: it depends on the JDK and the MongoDB driver only (no Axon,
 * no Spring, no other module of ours), and the library never depends on its command line.
 */
@AnalyzeClasses(packages = "org.smpledger.verifier", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    @ArchTest
    static final ArchRule onlyTheJdkAndTheMongoDbDriver = classes()
            .that()
            .resideInAPackage("org.smpledger.verifier..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax..", "com.mongodb..", "org.bson..", "org.smpledger.verifier..");

    @ArchTest
    static final ArchRule theLibraryDoesNotNeedItsCommandLine = classes()
            .that()
            .resideInAPackage("org.smpledger.verifier..")
            .and()
            .resideOutsideOfPackage("org.smpledger.verifier.cli..")
            .should()
            .onlyDependOnClassesThat()
            .resideOutsideOfPackage("org.smpledger.verifier.cli..");
}
