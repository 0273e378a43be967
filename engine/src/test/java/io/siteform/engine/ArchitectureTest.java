package io.siteform.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** CONVENTIONS.md rule 1: the engine holds no AWS type, and its packages do not cycle. */
class ArchitectureTest {
  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.siteform.engine", "io.siteform.state", "io.siteform.error");

  @Test
  void engineNeverTouchesTheAwsSdk() {
    noClasses().should().dependOnClassesThat().resideInAPackage("software.amazon..").check(ENGINE);
  }

  @Test
  void lowerLayersNeverReachUp() {
    noClasses().that().resideInAnyPackage("io.siteform.state..", "io.siteform.error..")
        .should().dependOnClassesThat().resideInAPackage("io.siteform.engine..").check(ENGINE);
  }

  @Test
  void enginePackagesHaveNoCycles() {
    slices().matching("io.siteform.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
  }
}
