package io.siteform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siteform.error.StateException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateCodecTest {
  private static final String WHERE = "state/siteform.state.json";
  private final StateCodec codec = new StateCodec();

  @Test
  void roundTripsNestedValuesNumbersAndNulls() {
    State state = Fixtures.site();

    State back = codec.fromJson(codec.toJson(state), WHERE);

    assertThat(back).isEqualTo(state);
    Map<String, Object> dist = back.find("cloudfront_distribution.site").orElseThrow().attributes();
    assertThat(dist.get("failover_status_codes")).isEqualTo(List.of(500L, 502L, 503L, 504L, 403L, 404L));
    assertThat(dist.get("weight")).isEqualTo(new BigDecimal("0.1"));
    assertThat(dist.get("huge")).isEqualTo(Values.copy(new BigDecimal("123456789012345678901234567890")));
    assertThat(dist).containsEntry("aliases", java.util.Arrays.asList("www.example.com", null));
    assertThat(back.find("s3_bucket.primary").orElseThrow().attributes())
        .containsEntry("lifecycle", null);
    assertThat(back.find("iam_role.replication").orElseThrow().region()).isNull();
  }

  @Test
  void outputMatchesGoldenFileByteForByte() throws Exception {
    Golden.assertMatches("state-json", "expected.json", codec.toJson(Fixtures.site()));
  }

  @Test
  void outputIsStableAcrossRoundTrips() {
    String first = codec.toJson(Fixtures.site());

    assertThat(codec.toJson(codec.fromJson(first, WHERE))).isEqualTo(first);
    assertThat(first).endsWith("}\n").doesNotContain("\r");
  }

  @Test
  void ignoresUnknownTopLevelFieldsOfTheSameVersion() {
    String json = "{\"version\":1,\"serial\":3,\"lineage\":\"l\",\"resources\":[],\"outputs\":{}}";

    assertThat(codec.fromJson(json, WHERE).serial()).isEqualTo(3);
  }

  @Test
  void rejectsMalformedJsonWithPlaceAndNoJacksonInternals() {
    assertThatThrownBy(() -> codec.fromJson("{\"version\": 1,\n \"serial\": }", WHERE))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith(WHERE + ": not valid JSON")
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("com.fasterxml")
        .hasMessageNotContaining("Source:");
  }

  @Test
  void rejectsEmptyFile() {
    assertThatThrownBy(() -> codec.fromJson("  \n", WHERE))
        .isInstanceOf(StateException.class)
        .hasMessage(WHERE + ": the file is empty; expected a state document");
  }

  @Test
  void rejectsNewerFormatVersionAskingForAnUpgrade() {
    String json = "{\"version\":2,\"serial\":1,\"lineage\":\"l\",\"resources\":[]}";

    assertThatThrownBy(() -> codec.fromJson(json, WHERE))
        .isInstanceOf(StateException.class)
        .hasMessage(WHERE + ": written by a newer siteform (state format version 2, this siteform"
            + " reads up to 1); upgrade siteform to use this state");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"serial":1,"lineage":"l","resources":[]}                  | missing field version
      {"version":1,"lineage":"l","resources":[]}                 | missing field serial
      {"version":1,"serial":1,"resources":[]}                    | missing field lineage
      {"version":1,"serial":1,"lineage":"l"}                     | missing field resources
      {"version":"1","serial":1,"lineage":"l","resources":[]}    | version must be a whole number, found a string
      {"version":1,"serial":-1,"lineage":"l","resources":[]}     | serial must not be negative, found -1
      {"version":1,"serial":1,"lineage":"","resources":[]}       | lineage must be a non-empty string, found an empty string
      {"version":1,"serial":1,"lineage":"l","resources":{}}      | resources must be a list, found an object
      [1]                                                        | expected a JSON object at the top, found a list
      {"version":1,"serial":1,"lineage":"l","resources":[{"address":"s3_bucket.a","type":"s3_bucket","region":null,"attributes":{},"dependencies":[]}]} | missing field resources[0] (s3_bucket.a).id
      {"version":1,"serial":1,"lineage":"l","resources":[{"type":"s3_bucket"}]} | missing field resources[0].address
      {"version":1,"serial":1,"lineage":"l","resources":[{"address":"s3_bucket.a","type":"s3_bucket","id":"a","attributes":{},"dependencies":[]}]} | missing field resources[0] (s3_bucket.a).region
      {"version":1,"serial":1,"lineage":"l","resources":[{"address":"s3_bucket.a","type":"s3_bucket","region":null,"id":"a","attributes":[],"dependencies":[]}]} | resources[0] (s3_bucket.a).attributes must be an object, found a list
      {"version":1,"serial":1,"lineage":"l","resources":[{"address":"s3_bucket.a","type":"s3_bucket","region":null,"id":"a","attributes":{},"dependencies":[3]}]} | resources[0] (s3_bucket.a).dependencies[0] must be an address, found the number 3
      {"version":1,"serial":1,"lineage":"l","resources":[{"address":"s3_bucket.a","type":"s3_bucket","region":null,"id":"a","attributes":{},"dependencies":[],"extra":1}]} | resources[0] (s3_bucket.a): unknown field 'extra'
      """)
  void rejectsInvalidDocumentsNamingTheField(String json, String problem) {
    assertThatThrownBy(() -> codec.fromJson(json, WHERE))
        .isInstanceOf(StateException.class)
        .hasMessage(WHERE + ": " + problem)
        .extracting(e -> ((StateException) e).location())
        .isEqualTo(WHERE);
  }

  @Test
  void rejectsDuplicateAddressesAndDuplicateKeys() {
    String res = "{\"address\":\"s3_bucket.a\",\"type\":\"s3_bucket\",\"region\":null,\"id\":\"a\","
        + "\"attributes\":{},\"dependencies\":[]}";
    String twice = "{\"version\":1,\"serial\":1,\"lineage\":\"l\",\"resources\":[" + res + "," + res + "]}";
    assertThatThrownBy(() -> codec.fromJson(twice, WHERE))
        .hasMessage(WHERE + ": resource s3_bucket.a appears more than once");

    String dupKey = "{\"version\":1,\"version\":1,\"serial\":1,\"lineage\":\"l\",\"resources\":[]}";
    assertThatThrownBy(() -> codec.fromJson(dupKey, WHERE))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("Duplicate field 'version'");
  }

  @Test
  void refusesToStoreValuesThatAreNotJson() {
    record Placeholder(String of) {}
    State state = State.empty().with(new ResourceState("acm_certificate.site", "acm_certificate",
        "us-east-1", "arn", Map.of("validation", List.of(new Placeholder("x"))), List.of()));

    assertThatThrownBy(() -> codec.toJson(state))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acm_certificate.site.attributes.validation[0]");
  }
}
