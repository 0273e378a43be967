package io.siteform.engine.spec;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.siteform.engine.testing.Golden;
import io.siteform.error.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code validate} names the line and column of a content.source that is no folder. */
class ContentFolderTest {
  @ParameterizedTest
  @ValueSource(strings = {"content-missing", "content-not-a-folder"})
  void aSourceThatIsNoFolderIsASpecErrorAtItsLocation(String name) {
    Path dir = Golden.root().resolve("validate/" + name);
    Spec spec = TestRegions.loader().load(dir.resolve("siteform.yaml"), Map.of(), Map.of());

    SpecException e = catchThrowableOfType(SpecException.class, () -> ContentFolder.requireFolder(spec));

    String text = e.diagnostics().get(0).toString().replace(dir.toAbsolutePath().toString(), "<spec folder>") + "\n";
    Golden.assertMatches(dir.resolve("expected.txt"), text);
  }

  @Test
  void anExistingFolderIsFine(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("dist"));
    Path file = Files.copy(Golden.root().resolve("validate/content-missing/siteform.yaml"), tmp.resolve("siteform.yaml"));
    Spec spec = TestRegions.loader().load(file, Map.of(), Map.of());

    assertThatCode(() -> ContentFolder.requireFolder(spec)).doesNotThrowAnyException();
  }
}
