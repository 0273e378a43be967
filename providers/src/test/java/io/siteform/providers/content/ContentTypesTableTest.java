package io.siteform.providers.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;

/**
 * {@value ContentTypes#TABLE} is Tika's name patterns written out: this test writes them again
 * from the Tika on the classpath and compares. After a Tika upgrade, run it with {@code
 * -Dgolden.update=true} to rewrite the table, then review the diff.
 */
class ContentTypesTableTest {
  static final Path TABLE =
      Path.of("src/main/resources/io/siteform/providers/content", ContentTypes.TABLE);

  @Test
  void theTableIsTikasNamePatterns() throws IOException {
    String actual = fromTika();
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(TABLE.getParent());
      Files.writeString(TABLE, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(TABLE).as("%s (regenerate with -Dgolden.update=true)", TABLE).exists();
    assertThat(Files.readString(TABLE, StandardCharsets.UTF_8))
        .as("%s is Tika's patterns (regenerate with -Dgolden.update=true)", TABLE)
        .isEqualTo(actual);
  }

  /**
   * Tika's {@code Patterns} (a private part of {@code MimeTypes}, read by reflection): exact names
   * and suffixes sorted, regular expressions in the order Tika tries them. A type is its base type,
   * as {@link ContentTypes} publishes it.
   */
  static String fromTika() {
    MimeTypes tika = MimeTypes.getDefaultMimeTypes();
    Object patterns = field(tika, "patterns");
    StringBuilder out = new StringBuilder();
    out.append("# Apache Tika ")
        .append(MimeTypes.class.getPackage().getImplementationVersion())
        .append("'s file name patterns: name, suffix (a glob *suffix) or regex, TAB, pattern,")
        .append(" TAB, base type.\n")
        .append("# Regexes are tried in this order. Written by ContentTypesTableTest:")
        .append(" after a Tika upgrade run it with -Dgolden.update=true.\n");
    new TreeMap<>(patterns(patterns, "names")).forEach((k, v) -> line(out, "name", k, v));
    new TreeMap<>(patterns(patterns, "extensions")).forEach((k, v) -> line(out, "suffix", k, v));
    patterns(patterns, "globs").forEach((k, v) -> line(out, "regex", k, v));
    return out.toString();
  }

  private static void line(StringBuilder out, String kind, String pattern, MimeType type) {
    assertThat(pattern).as("a pattern the table can hold").doesNotContain("\t", "\n", "\r");
    out.append(kind).append('\t').append(pattern).append('\t');
    out.append(type.getType().getBaseType()).append('\n');
  }

  @SuppressWarnings("unchecked")
  private static Map<String, MimeType> patterns(Object patterns, String name) {
    return (Map<String, MimeType>) field(patterns, name);
  }

  private static Object field(Object owner, String name) {
    try {
      Field field = owner.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(owner);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Tika's " + owner.getClass().getSimpleName() + "." + name, e);
    }
  }
}
