package dev.shmt.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' layering across the build: device modules plug in through the runtime's SPI, and the
 * samples and bench configure runtimes through the API ({@code Shmt.builder()}), never the scheduler,
 * the policies or the runtime's own builder. (The runtime's package rules are in its ArchitectureTest.)
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shmt");
    }

    @Test
    void deviceModulesAndSamplesStayOutOfTheSchedulerAndThePolicies() {
        noClasses().that().resideInAnyPackage("dev.shmt.gpu..", "dev.shmt.npu..", "dev.shmt.samples..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.shmt.runtime.sched..", "dev.shmt.runtime.policy..")
                .check(classes);
    }

    @Test
    void deviceModulesDoNotDependOnTheRuntimesEntryPoint() {
        noClasses().that().resideInAnyPackage("dev.shmt.gpu..", "dev.shmt.npu..").should().dependOnClassesThat()
                .resideInAPackage("dev.shmt.runtime").check(classes);
    }

    @Test
    void samplesBuildRuntimesThroughTheApi() {
        noClasses().that().resideInAPackage("dev.shmt.samples..").should().dependOnClassesThat()
                .haveFullyQualifiedName("dev.shmt.runtime.RuntimeBuilder")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.shmt.runtime.ShmtRuntime")
                .check(classes);
    }
}
