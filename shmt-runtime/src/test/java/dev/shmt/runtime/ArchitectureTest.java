package dev.shmt.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's package structure, as the README's layering and the extension points need it: no package cycles;
 * {@code spi} (what device and policy authors implement and see) depends on nothing else of the
 * runtime; the scheduler ({@code sched}) is used by the runtime's entry point only; no package depends
 * on the entry point; and {@code shmt-api} depends on nothing of ours.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.shmt.api", "dev.shmt.runtime");
    }

    @Test
    void runtimePackagesAreFreeOfCycles() {
        slices().matching("dev.shmt.runtime.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noPackageDependsOnTheEntryPoint() {
        noClasses().that().resideInAPackage("dev.shmt.runtime.*..").should().dependOnClassesThat()
                .resideInAPackage("dev.shmt.runtime").check(classes);
    }

    @Test
    void onlyTheEntryPointUsesTheScheduler() {
        noClasses().that().resideOutsideOfPackages("dev.shmt.runtime", "dev.shmt.runtime.sched")
                .should().dependOnClassesThat().resideInAPackage("dev.shmt.runtime.sched..").check(classes);
    }

    @Test
    void theSpiDependsOnTheApiAndItselfOnly() {
        classes().that().resideInAPackage("dev.shmt.runtime.spi..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.shmt.runtime.spi..", "dev.shmt.api..", "java..").check(classes);
    }

    @Test
    void theApiDependsOnNothingOfOurs() {
        classes().that().resideInAPackage("dev.shmt.api..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.shmt.api..", "java..").check(classes);
    }
}
