package dev.tessera;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package by feature, with the features in a graph without cycles (CONVENTIONS.md, "Layout"). */
class ArchitectureTests {

    static JavaClasses tessera;

    @BeforeAll
    static void importClasses() {
        tessera = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tessera");
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.tessera.(*)..").should().beFreeOfCycles().check(tessera);
    }

    @Test
    void systemDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.tessera.system..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tessera.account..", "dev.tessera.token..",
                        "dev.tessera.verify..", "dev.tessera.access..", "dev.tessera.contact..", "dev.tessera.audit..",
                        "dev.tessera.console..")
                .check(tessera);
    }

    @Test
    void onlyTheConsoleDependsOnTheConsole() {
        noClasses().that().resideOutsideOfPackage("dev.tessera.console..")
                .should().dependOnClassesThat().resideInAPackage("dev.tessera.console..")
                .check(tessera);
    }
}
