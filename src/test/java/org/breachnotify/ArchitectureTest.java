package org.breachnotify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules the build keeps: packages free of cycles, and the Camunda API only where the engine is met
 * (package {@code engine}, the models' delegates and listeners), so a move to Operaton stays small.
 */
@AnalyzeClasses(packages = "org.breachnotify", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * A model's delegates and listeners live with the feature whose work they call, but they are the engine's
     * adapters: their use of the engine's variables is not a feature's dependency.
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.breachnotify.(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(simpleNameEndingWith("Delegate").or(simpleNameEndingWith("Listener")),
                    resideInAPackage("org.breachnotify.engine.."));

    @ArchTest
    static final ArchRule camundaApiStaysInTheEngineAdapterDelegatesAndListeners = noClasses()
            .that().resideOutsideOfPackage("org.breachnotify.engine..")
            .and().haveSimpleNameNotEndingWith("Delegate")
            .and().haveSimpleNameNotEndingWith("Listener")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .because("the engine API stays behind package engine, the models' delegates and listeners (Operaton)");
}
