package io.siteform.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.siteform.engine.provider.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Modules depend one way (state, engine, providers, cli): the engine holds no AWS type, and its
 * packages do not cycle.
 */
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

  /**
   * The expander names every resource; everything else asks it ({@code Expander.DISTRIBUTION}),
   * so a renamed address cannot leave a caller looking for the old one.
   */
  @Test
  void noMainCodeSpellsAResourceAddressButTheExpander() throws IOException {
    Path root = Path.of(System.getProperty("siteform.root", "..")).toAbsolutePath().normalize();
    Pattern address = Pattern.compile("\"(" + String.join("|", Schemas.all().keySet()) + ")\\.[a-z0-9_]+\"");
    List<String> found = new ArrayList<>();
    for (String module : List.of("state", "engine", "providers", "cli")) {
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          if (f.toString().contains("/engine/resource/")) continue;
          Matcher m = address.matcher(Files.readString(f));
          while (m.find()) found.add(root.relativize(f) + ": " + m.group());
        }
      }
    }
    assertThat(found).isEmpty();
  }
}
