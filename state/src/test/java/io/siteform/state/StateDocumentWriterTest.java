package io.siteform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The streaming writer gives the bytes, and the errors, that writing a tree of the document gave. */
class StateDocumentWriterTest {
  private final StateCodec codec = new StateCodec();
  private final TreeStateWriter tree = new TreeStateWriter();

  @Test
  void writesWhatTheTreeWroteForTheFixture() {
    assertSameOutput(Fixtures.site());
  }

  @Test
  void writesWhatTheTreeWroteForALargeSite() {
    State large = LargeStates.site(2000);

    assertSameOutput(large);
    assertThat(codec.toJson(large).length()).isGreaterThan(1_000_000);
  }

  @Test
  void writesWhatTheTreeWroteForEmptyAndOddStates() {
    assertSameOutput(State.empty());
    assertSameOutput(State.empty().withSite("s").withSerial(3));
    assertSameOutput(new State(State.FORMAT_VERSION, 1, "l", List.of(
        ResourceState.creating("a.b", "a", null, Map.of(), List.of()),
        new ResourceState("c.d", "c", "eu-west-1", "id", Map.of("empty", Map.of(), "none", List.of(),
            "nested", List.of(List.of(), Map.of("z", 1, "a", List.of(Map.of()))),
            "numbers", List.of(0, -1, Long.MAX_VALUE, new BigDecimal("1E+21"), new BigDecimal("-0.000"),
                new BigDecimal("12345678901234567890123"), 2.5f, (short) 3)), List.of("a.b")))));
  }

  @Test
  void writesReleasesThatAddRemoveAndPutBackFiles() {
    Release.File a1 = new Release.File("v1", "aa", 1, "text/html", "");
    Release.File a2 = new Release.File("v2", "ab", 2, "text/html", "no-cache");
    Release.File b = new Release.File("vb", "bb", 3, "text/css", "");
    Release.File c = new Release.File("vc", "cc", 4, "image/png", "");
    State state = State.empty().withReleases(List.of(
        new Release(1, "t1", "d1", 2, 0, Map.of("a", a1, "b", b)),
        new Release(2, "t2", "d2", 2, 0, Map.of("a", a2, "c", c)),
        new Release(3, "t3", "d3", 0, 0, Map.of("a", a2, "c", c)),
        new Release(4, "t4", "d4", 3, 1, Map.of("a", a1, "b", b)),
        new Release(5, "t5", "d5", 2, 0, Map.of()),
        new Release(6, "t6", "d6", 1, 0, Map.of("zz", c))));

    assertSameOutput(state);
  }

  @Test
  void writesMapsThatDidNotComeThroughValuesSortedAsTheTreeDid() {
    Map<String, Object> unsorted = new LinkedHashMap<>();
    unsorted.put("b", 1);
    unsorted.put("a", new TreeMap<>(Map.of("y", 2, "x", new ArrayList<>(List.of(3, "s")))));
    State state = State.empty().with(new ResourceState("c.d", "c", null, "id", unsorted, List.of()));

    assertSameOutput(state);
  }

  @Test
  void refusesAPlaceholderWithTheTreesMessageBeforeAnUnwritableNumber() {
    record Placeholder(String of) {}
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("a_huge", new BigDecimal("1E+10000"));
    attrs.put("b", Map.of("list", List.of("ok", new Placeholder("x"))));
    State state = State.empty().with(new ResourceState("c.d", "c", null, "id", attrs, List.of()));

    assertSameError(state);
    assertThat(catchThrowable(() -> codec.toJson(state)))
        .hasMessage("cannot store Placeholder at c.d.attributes.b.list[1] in state");
  }

  @Test
  void refusesANumberPastPlainNotationWithTheTreesMessage() {
    State state = State.empty().with(new ResourceState("c.d", "c", null, "id",
        Map.of("a", new BigDecimal("1E+10000"), "b", new BigDecimal("1E-10001")), List.of()));

    assertSameError(state);
    assertThat(catchThrowable(() -> codec.toJson(state))).hasMessageStartingWith("cannot write state: ");
  }

  private void assertSameOutput(State state) {
    assertThat(codec.toJson(state)).isEqualTo(tree.toJson(state));
  }

  private void assertSameError(State state) {
    Throwable streamed = catchThrowable(() -> codec.toJson(state));
    Throwable built = catchThrowable(() -> tree.toJson(state));
    assertThat(streamed).isNotNull().hasSameClassAs(built).hasMessage(built.getMessage());
  }
}
