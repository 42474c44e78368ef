package dev.shmt.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' layering across the build, checked here because the command's class path holds every
 * module but Spark's. Devices (native/gpu, native/npu) plug in through the runtime's SPI and know no app;
 * apps know no harness; the harness knows no command; examples stand alone. Everything above the runtime
 * configures runtimes through the API ({@code Shmt.builder()}), never the scheduler, the policies or the
 * runtime's own builder. (The runtime's package rules are in its ArchitectureTest.)
 */
class LayeringTest {
    private static final String GPU = "dev.shmt.gpu..";
    private static final String NPU = "dev.shmt.npu..";
    private static final String EXAMPLES = "dev.shmt.examples..";
    private static final String APPS = "dev.shmt.apps..";
    private static final String BENCH = "dev.shmt.bench..";
    private static final String CLI = "dev.shmt.cli..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shmt");
    }

    @Test
    void deviceModulesKnowNoAppHarnessOrCommand() {
        noClasses().that().resideInAnyPackage(GPU, NPU).should().dependOnClassesThat()
                .resideInAnyPackage(EXAMPLES, APPS, BENCH, CLI).check(classes);
    }

    @Test
    void theTwoDeviceModulesAreIndependent() {
        noClasses().that().resideInAPackage(GPU).should().dependOnClassesThat().resideInAPackage(NPU).check(classes);
        noClasses().that().resideInAPackage(NPU).should().dependOnClassesThat().resideInAPackage(GPU).check(classes);
    }

    @Test
    void appsKnowNoHarnessOrCommand() {
        noClasses().that().resideInAPackage(APPS).should().dependOnClassesThat().resideInAnyPackage(BENCH, CLI, EXAMPLES)
                .check(classes);
    }

    @Test
    void theHarnessKnowsNoCommand() {
        noClasses().that().resideInAPackage(BENCH).should().dependOnClassesThat().resideInAPackage(CLI).check(classes);
    }

    @Test
    void examplesStandAlone() {
        noClasses().that().resideInAPackage(EXAMPLES).should().dependOnClassesThat().resideInAnyPackage(APPS, BENCH, CLI)
                .check(classes);
    }

    @Test
    void noCyclesBetweenAppsOrHarnessPackages() {
        slices().matching("dev.shmt.(apps|bench).(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everythingAboveTheRuntimeStaysOutOfTheSchedulerAndThePolicies() {
        noClasses().that().resideInAnyPackage(GPU, NPU, EXAMPLES, APPS, BENCH, CLI).should().dependOnClassesThat()
                .resideInAnyPackage("dev.shmt.runtime.sched..", "dev.shmt.runtime.policy..").check(classes);
    }

    @Test
    void deviceModulesDoNotDependOnTheRuntimesEntryPoint() {
        noClasses().that().resideInAnyPackage(GPU, NPU).should().dependOnClassesThat()
                .resideInAPackage("dev.shmt.runtime").check(classes);
    }

    @Test
    void appsExamplesAndHarnessBuildRuntimesThroughTheApi() {
        noClasses().that().resideInAnyPackage(EXAMPLES, APPS, BENCH).should().dependOnClassesThat()
                .haveFullyQualifiedName("dev.shmt.runtime.RuntimeBuilder")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.shmt.runtime.ShmtRuntime")
                .check(classes);
    }
}
