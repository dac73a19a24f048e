package io.mlopsci.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.mlopsci.contract.StepId;
import io.mlopsci.core.pipeline.StepCatalog;
import io.mlopsci.core.step.Step;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's rules, checked on the compiled classes (CONTRIBUTING.md draws the plan): no package
 * cycles; layers that only look down; steps that do not know each other; an engine that knows no
 * front end; a contract that knows no engine; every step in the catalog.
 */
class ArchitectureTest {

    private static final String CORE = "io.mlopsci.core";
    private static final Set<String> STEPS = Set.of("data", "train", "gate", "packaging", "deploy");

    private static JavaClasses engine;

    @BeforeAll
    static void importClasses() {
        // Only where the engine's and the contract's classes are: scanning the whole class path
        // (DuckDB, Jib, fabric8, ...) for the package would take most of the test's time.
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(locationOf(StepCatalog.class), locationOf(StepId.class)));
        assertThat(engine.stream().map(JavaClass::getPackageName).distinct().count())
                .as("the engine's and the contract's packages were found")
                .isGreaterThan(30);
    }

    @Test
    void noPackageCycles() {
        slices().matching(CORE + ".(**)").should().beFreeOfCycles().check(engine);
        slices().matching("io.mlopsci.contract.(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void layersOnlyLookDown() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Contract")
                .definedBy("io.mlopsci.contract..")
                .layer("Foundation")
                .definedBy(pkgs("io", "collect", "concurrent", "console", "error", "metrics", "ci", "docker"))
                .layer("Config")
                .definedBy(pkgs("config"))
                .layer("Services")
                .definedBy(pkgs("registry..", "report", "command", "scoring", "publish", "preflight"))
                .layer("Kernel")
                .definedBy(pkgs("step"))
                .layer("Steps")
                .definedBy(pkgs("data..", "train", "gate", "packaging", "deploy.."))
                .layer("Pipeline")
                .definedBy(pkgs("pipeline"))
                .layer("Cli")
                .definedBy(pkgs("cli"))
                .whereLayer("Cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Pipeline")
                .mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Steps")
                .mayOnlyBeAccessedByLayers("Steps", "Pipeline", "Cli")
                .whereLayer("Kernel")
                .mayOnlyBeAccessedByLayers("Steps", "Pipeline", "Cli")
                .whereLayer("Services")
                .mayOnlyBeAccessedByLayers("Services", "Kernel", "Steps", "Pipeline", "Cli")
                .whereLayer("Config")
                .mayOnlyBeAccessedByLayers("Services", "Kernel", "Steps", "Pipeline", "Cli")
                .whereLayer("Foundation")
                .mayOnlyBeAccessedByLayers("Foundation", "Config", "Services", "Kernel", "Steps", "Pipeline", "Cli")
                .check(engine);
    }

    @Test
    void stepsDoNotKnowEachOther() {
        SliceAssignment byStep = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (!p.startsWith(CORE + ".")) {
                    return SliceIdentifier.ignore();
                }
                String top = p.substring(CORE.length() + 1).split("\\.")[0];
                return STEPS.contains(top) ? SliceIdentifier.of(top) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the step packages " + STEPS;
            }
        };
        slices().assignedFrom(byStep).should().notDependOnEachOther().check(engine);
    }

    @Test
    void theEngineKnowsNoFrontEnd() {
        noClasses()
                .that()
                .resideInAPackage(CORE + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.mlopsci.action..",
                        "io.mlopsci.jenkins..",
                        "hudson..",
                        "jenkins..",
                        "org.jenkinsci..",
                        "org.kohsuke.stapler..")
                .check(engine);
    }

    @Test
    void theContractKnowsOnlyJavaAndJackson() {
        classes()
                .that()
                .resideInAPackage("io.mlopsci.contract..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.mlopsci.contract..")
                .check(engine);
    }

    @Test
    void everyStepIsInTheCatalog() {
        Set<String> implemented = engine.stream()
                .filter(c -> c.isAssignableTo(Step.class) && !c.isInterface())
                .map(JavaClass::getName)
                .collect(Collectors.toSet());
        Set<String> catalogued = StepCatalog.steps().stream()
                .map(d -> d.factory().get().getClass().getName())
                .collect(Collectors.toSet());
        assertThat(catalogued).isEqualTo(implemented);
    }

    private static Location locationOf(Class<?> c) {
        try {
            return Location.of(
                    c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] pkgs(String... names) {
        return java.util.Arrays.stream(names).map(n -> CORE + "." + n).toArray(String[]::new);
    }
}
