package io.siteform.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.siteform.error.SpecException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever the input, the loader answers with a spec or a SpecException, never anything else. */
class SpecLoaderFuzzTest {
  private final SpecLoader loader = TestRegions.loader();

  static Stream<String> garbage() {
    List<String> inputs = new ArrayList<>(List.of(
        "", "   \n\n", "~", "null", "42", "[1, 2]", "- a\n- b\n", "\"just a string\"",
        "version: 1\n" + "a: [".repeat(200),
        "a: &a [*a, *a]\nversion: 1\n",
        "x: &x {y: *x}\n",
        "lol: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        "? [a, b]\n: c\n", "{[1]: 2}", "site: {name: {a: {b: {c: {d: 1}}}}}",
        "version: 1\nprimary: !!binary aGVsbG8=\n", "%YAML 1.1\n%TAG ! tag:evil.com,2000:\n--- !x {}\n",
        "version: 1\nreplicas: *undefined\n", "\uFEFFversion: 1\n", "version: 1\r\nsite: {name: a}\r\n"));
    Random random = new Random(20240611L);
    for (int i = 0; i < 40; i++) {
      byte[] bytes = new byte[random.nextInt(400)];
      random.nextBytes(bytes);
      inputs.add(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    String valid = SpecLoaderTest.DESIGN_EXAMPLE;
    for (int i = 0; i < 60; i++) {
      StringBuilder b = new StringBuilder(valid);
      for (int k = 0; k < 3; k++) {
        int at = random.nextInt(b.length());
        String specials = "{}[]:-,&*!|>'\"#%@` \t\n${}";
        b.setCharAt(at, specials.charAt(random.nextInt(specials.length())));
      }
      inputs.add(b.toString());
    }
    return inputs.stream();
  }

  @ParameterizedTest
  @MethodSource("garbage")
  void onlyEverThrowsSpecException(String text) {
    Throwable t = catchThrowable(() -> loader.parse("siteform.yaml", text, Map.of(), Map.of()));

    if (t != null) {
      assertThat(t).isInstanceOf(SpecException.class);
      assertThat(t.getMessage()).doesNotContain("internal error");
    }
  }

  @Test
  void refusesAFiveMegabyteFile() {
    String big = "version: 1\n" + "# padding padding padding padding\n".repeat(5 * 1024 * 1024 / 34);

    Throwable t = catchThrowable(() -> loader.parse("siteform.yaml", big, Map.of(), Map.of()));

    assertThat(t).isInstanceOf(SpecException.class).hasMessageContaining("larger than 1 MiB");
  }
}
