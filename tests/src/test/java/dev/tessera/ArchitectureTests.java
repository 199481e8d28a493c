package dev.tessera;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.util.HtmlUtils;

/**
 * The rules of docs/architecture.md ("Packages", "How the code reads") that the build enforces on {@code src/main}.
 *
 * <p><b>Feature order</b> ({@link #FEATURES}): system → audit → account → apikey → access → quota → outbox →
 * webhook → contact → token → leaks → verify → verifierfeed → dataplane → console. A feature may use the features before it, never one
 * after it; where an earlier feature needs something from a later one, it declares an interface the
 * later one implements ({@code access.AccessLevels} by token, {@code audit.AuditReaders} by account,
 * {@code outbox.ContactHooks} by contact, {@code audit.AuditListener} and {@code webhook.SealingKeys}
 * by webhook and token). Sub-packages ({@code system.web}, {@code console.signin} …)
 * belong to their feature.
 *
 * <p><b>Web classes</b> are the only ones that may use {@code org.springframework.http},
 * {@code org.springframework.web} and {@code jakarta.servlet}: controllers and advice (annotated, or
 * meta-annotated, with {@code @Controller} or {@code @ControllerAdvice}: {@code @RestController},
 * {@code @ManagementApi} …), servlet filters, classes in a {@code ..web..} package (the shared web
 * edge: {@code system.web}, {@code audit.web}), the console (every class in it serves a page), and the
 * classes nested in any of those. One exception: {@link HtmlUtils}, a string function the mail
 * templates use to escape HTML. The domain throws {@code system.TesseraException}; only
 * {@code system.web.ErrorStatus} turns it into a status.
 *
 * <p><b>What ArchUnit cannot see</b>, so review still must: constants the compiler inlined (a
 * {@code static final} String or number leaves no reference in the byte code); arrows made of Spring
 * events, which link publisher and listener only through the event's type (today every event flows
 * forward: account and access publish, contact and verify listen); Thymeleaf templates, properties and
 * SQL, which name tables, beans and model attributes as strings (one writer per table is kept by review,
 * see each package's {@code package-info}); and reflection.
 */
class ArchitectureTests {

    /** The features in dependency order: each may depend only on those before it. */
    static final List<String> FEATURES = List.of("system", "cluster", "audit", "account", "apikey", "access", "quota", "outbox",
            "webhook", "contact", "token", "leaks", "verify", "verifierfeed", "dataplane", "console");

    static JavaClasses tessera;

    @BeforeAll
    static void importClasses() {
        // The embedded verifier (module verifier/, package dev.tessera.verifier) is a library of its own, on
        // the tests' class path: it depends on no feature and is not one.
        tessera = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The CLI module (dev.tessera.cli) is a client of the server over HTTP, not one of its features.
                .withImportOption(location -> !location.contains("/dev/tessera/cli/"))
                // The embedded verifier library (dev.tessera.verifier) is a client of the server, not one of its features.
                .withImportOption(location -> !location.contains("/dev/tessera/verifier/"))
                .importPackages("dev.tessera");
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.tessera.(*)..").should().beFreeOfCycles().check(tessera);
    }

    @Test
    void everyFeaturePackageIsInTheOrder() {
        classes().that().resideOutsideOfPackage("dev.tessera")
                .should().resideInAnyPackage(FEATURES.stream().map(ArchitectureTests::feature).toArray(String[]::new))
                .check(tessera);
    }

    /** Guards the order against arrows back up, which a cycle check alone lets through one at a time. */
    @Test
    void featuresDependOnlyOnFeaturesBeforeThem() {
        for (int i = 0; i < FEATURES.size() - 1; i++) {
            String[] later = FEATURES.subList(i + 1, FEATURES.size()).stream()
                    .map(ArchitectureTests::feature).toArray(String[]::new);
            noClasses().that().resideInAPackage(feature(FEATURES.get(i)))
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .because(FEATURES.get(i) + " comes before " + Arrays.toString(later) + " in the feature order")
                    .check(tessera);
        }
    }

    @Test
    void systemDependsOnNoFeature() {
        noClasses().that().resideInAPackage("dev.tessera.system..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().skip(1)
                        .map(ArchitectureTests::feature).toArray(String[]::new))
                .check(tessera);
    }

    @Test
    void onlyTheConsoleDependsOnTheConsole() {
        noClasses().that().resideOutsideOfPackage("dev.tessera.console..")
                .should().dependOnClassesThat().resideInAPackage("dev.tessera.console..")
                .check(tessera);
    }

    /** A feature's public surface is its domain API: controllers, advice and repositories stay inside. */
    @Test
    void controllersAndRepositoriesArePackagePrivate() {
        classes().that().areMetaAnnotatedWith(Controller.class).or().areMetaAnnotatedWith(ControllerAdvice.class)
                .or().areMetaAnnotatedWith(Repository.class).or().haveSimpleNameEndingWith("Repository")
                .or().haveSimpleNameEndingWith("Controller")
                .and().areNotAnnotations()
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(tessera);
    }

    /** Keeps the domain free of HTTP, so the embedded verifier and gRPC need no servlet types. */
    @Test
    void webTypesOnlyInWebClasses() {
        noClasses().that(not(WEB_CLASS))
                .should().dependOnClassesThat(resideInAnyPackage("org.springframework.http..",
                        "org.springframework.web..", "jakarta.servlet..").and(not(type(HtmlUtils.class))))
                .check(tessera);
    }

    private static String feature(String name) {
        return "dev.tessera." + name + "..";
    }

    private static final DescribedPredicate<JavaClass> WEB_CLASS = DescribedPredicate.describe(
            "web classes (controllers, advice, filters, ..web.. packages, the console)", javaClass -> {
                JavaClass outer = javaClass;
                while (outer.getEnclosingClass().isPresent()) {
                    outer = outer.getEnclosingClass().get();
                }
                return outer.isMetaAnnotatedWith(Controller.class) || outer.isMetaAnnotatedWith(ControllerAdvice.class)
                        || assignableTo(jakarta.servlet.Filter.class).test(outer)
                        || outer.getPackageName().endsWith(".web") || outer.getPackageName().contains(".web.")
                        || outer.getPackageName().startsWith("dev.tessera.console");
            });
}
