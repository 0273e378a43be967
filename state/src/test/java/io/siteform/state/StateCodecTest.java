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
  void aCreateInFlightIsWrittenWithItsStatusAndTokenAndNoId() {
    String json = codec.toJson(Fixtures.site());

    assertThat(json).contains("\"site\": \"ticket-service-ui\",\n", """
              "region": "us-east-1",
              "status": "creating",
              "attributes": {
                "idempotency_token": "siteform-ticket-service-ui-5f2a"
              },
        """);
    ResourceState back = codec.fromJson(json, WHERE).find("acm_certificate.site").orElseThrow();
    assertThat(back.isCreating()).isTrue();
    assertThat(back.id()).isEmpty();
    assertThat(codec.fromJson(json, WHERE).site()).contains("ticket-service-ui");
  }

  @Test
  void readsTheEmptyIdSiteform01WroteForACreateInFlight() {
    // 0.1 recorded a create in flight as an entry with an empty id, and then refused to read it.
    String json = """
        {"version":1,"serial":4,"lineage":"l","resources":[{"address":"cloudfront_distribution.site",
         "type":"cloudfront_distribution","region":null,"id":"",
         "attributes":{"caller_reference":"siteform-x-1"},"dependencies":[]}]}""";

    State state = codec.fromJson(json, WHERE);

    ResourceState r = state.find("cloudfront_distribution.site").orElseThrow();
    assertThat(r.isCreating()).isTrue();
    assertThat(r.attributes()).containsEntry("caller_reference", "siteform-x-1");
    assertThat(state.version()).isEqualTo(State.FORMAT_VERSION);
    assertThat(state.site()).isEmpty();
    // Written back in the current format, and read again.
    assertThat(codec.toJson(state)).contains("\"version\": 4", "\"status\": \"creating\"").doesNotContain("\"id\"");
    assertThat(codec.fromJson(codec.toJson(state), WHERE)).isEqualTo(state);
  }

  @Test
  void aCreatedObjectNeedsItsIdAndACreateInFlightHasNone() {
    assertThatThrownBy(() -> new ResourceState("s3_bucket.a", "s3_bucket", null, "", Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResourceState("s3_bucket.a", "s3_bucket", null, "a",
        ResourceState.Status.CREATING, Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
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
    String json = "{\"version\":5,\"serial\":1,\"lineage\":\"l\",\"resources\":[]}";

    assertThatThrownBy(() -> codec.fromJson(json, WHERE))
        .isInstanceOf(StateException.class)
        .hasMessage(WHERE + ": written by a newer siteform (state format version 5, this siteform"
            + " reads up to 4); upgrade siteform to use this state");
  }

  @Test
  void readsFormat2AsAStateWithoutReleasesAndKeepsReleasesInOrder() {
    State old = codec.fromJson("{\"version\":2,\"serial\":3,\"lineage\":\"l\",\"site\":\"s\",\"resources\":[]}", WHERE);
    assertThat(old.releases()).isEmpty();
    assertThat(codec.toJson(old)).contains("\"version\": 4").doesNotContain("releases");

    State site = codec.fromJson(codec.toJson(Fixtures.site()), WHERE);
    assertThat(site.releases()).extracting(Release::number).containsExactly(1L, 2L);
    assertThat(site.latestRelease().orElseThrow().rollbackOf()).isEqualTo(1);
    assertThat(site.release(1).orElseThrow().files().get("assets/app.js"))
        .isEqualTo(new Release.File("v-app-1", "bb22", 30, "text/javascript", ""));
    assertThat(site.without("iam_role.replication").withSerial(9).withSite("t").releases()).isEqualTo(site.releases());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      {"version":3,"serial":1,"lineage":"l","resources":[],"releases":{}}  | releases must be a list, found an object
      {"version":3,"serial":1,"lineage":"l","resources":[],"releases":[{"number":1,"time":"t","digest":"d","changed":1}]}  | missing field releases[0] (release 1).files
      {"version":3,"serial":1,"lineage":"l","resources":[],"releases":[{"number":1,"time":"t","digest":"d","changed":1,"files":{"a":{"md5":"m","size":1,"content_type":"","cache_control":""}}}]}  | missing field releases[0] (release 1).files["a"].version_id
      {"version":3,"serial":1,"lineage":"l","resources":[],"releases":[{"number":1,"time":"t","digest":"d","changed":1,"files":{},"extra":1}]}  | releases[0] (release 1): unknown field 'extra'
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
      {"version":2,"serial":1,"lineage":"l","resources":[{"address":"s3_bucket.a","type":"s3_bucket","region":null,"status":"done","attributes":{},"dependencies":[]}]} | resources[0] (s3_bucket.a).status must be "creating" (a create in flight) or absent, found a string
      {"version":2,"serial":1,"lineage":"l","resources":[{"address":"s3_bucket.a","type":"s3_bucket","region":null,"status":"creating","id":"a","attributes":{},"dependencies":[]}]} | resources[0] (s3_bucket.a) is a create in flight (status "creating") and cannot have an id; found a string
      {"version":2,"serial":1,"lineage":"l","site":3,"resources":[]} | site must be a non-empty string, found the number 3
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
