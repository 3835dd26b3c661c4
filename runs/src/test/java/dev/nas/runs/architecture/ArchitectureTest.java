package dev.nas.runs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the README draws, checked on the compiled classes of every module: search-space <- search-core <-
 * evaluators, latency-predictors <- runs, no package cycles, and the libraries that do the heavy lifting (DL4J, H2,
 * Flyway, Smile, JDBC) kept out of the space and the core, behind their ports.
 */
class ArchitectureTest {

    private static JavaClasses nas;

    @BeforeAll
    static void importEveryModule() {
        // Test classes reach runs from this module's test folder and the other modules' test jars.
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.contains("-tests.jar");
        nas = new ClassFileImporter().withImportOption(productionOnly).importPackages("dev.nas");
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.nas.(**)").should().beFreeOfCycles().check(nas);
    }

    @Test
    void theSpaceAndTheCoreUseNoTrainingDatabaseOrLearningLibrary() {
        noClasses().that().resideInAnyPackage("dev.nas.space..", "dev.nas.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.h2..",
                        "org.flywaydb..", "smile..", "java.sql..", "javax.sql..", "org.postgresql..",
                        "ai.onnxruntime..")
                .check(nas);
    }

    @Test
    void modulesDependOneWay() {
        noClasses().that().resideInAPackage("dev.nas.space..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.nas.core..", "dev.nas.eval..", "dev.nas.latency..", "dev.nas.runs..")
                .check(nas);
        noClasses().that().resideInAPackage("dev.nas.core..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.nas.eval..", "dev.nas.latency..", "dev.nas.runs..").check(nas);
        noClasses().that().resideInAPackage("dev.nas.eval..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.nas.latency..", "dev.nas.runs..").check(nas);
        noClasses().that().resideInAPackage("dev.nas.latency..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.nas.eval..", "dev.nas.runs..").check(nas);
    }

    @Test
    void onlyTheEvaluatorsAndTheCompositionRootTouchDl4j() {
        noClasses().that().resideOutsideOfPackages("dev.nas.eval..", "dev.nas.runs..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(nas);
    }

    @Test
    void onlyStorageTalksToTheDatabase() {
        noClasses().that().resideOutsideOfPackage("dev.nas.runs.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.h2..", "org.flywaydb..", "java.sql..")
                .check(nas);
    }

    /**
     * Commands sit on top: nothing depends on the command line, and the application layer is reached from it alone,
     * so that a second front end (a worker, a server) plugs into the application layer, not into five commands.
     */
    @Test
    void commandsAreTheTopLayerOverTheApplication() {
        noClasses().that().resideOutsideOfPackage("dev.nas.runs.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.nas.runs.cli..")
                .check(nas);
        noClasses().that().resideOutsideOfPackages("dev.nas.runs.cli..", "dev.nas.runs.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.nas.runs.app..")
                .check(nas);
    }
}
