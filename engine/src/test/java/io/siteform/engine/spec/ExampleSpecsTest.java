package io.siteform.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples users copy from must always load. */
class ExampleSpecsTest {

  @Test
  void workshopExampleLoads() {
    Spec spec = TestRegions.loader().load(
        repoRoot().resolve("examples/workshop/siteform.yaml"), Map.of(), Map.of());

    assertThat(spec.site().name()).isEqualTo("ticket-service-ui");
    assertThat(spec.primary()).isEqualTo(new BucketSpec("eu-west-1", "ticket-service-ui-websitebucket-jane-doe"));
    assertThat(spec.replicas()).containsExactly(
        new BucketSpec("ap-southeast-1", "ticket-service-ui-websitebucket-singapore-jane-doe"));
    assertThat(spec.replication().deleteMarkers()).isFalse();
    assertThat(spec.cdn()).isEqualTo(CdnSpec.defaults());
    assertThat(spec.content()).hasValueSatisfying(c -> {
      assertThat(c.source()).isEqualTo("dist/");
      assertThat(c.delete()).isTrue();
      assertThat(c.invalidate()).isEqualTo(ContentSpec.Invalidate.CHANGED);
    });
    assertThat(spec.domain()).hasValueSatisfying(d -> {
      assertThat(d.names()).containsExactly("www.example.com");
      assertThat(d.hostedZone()).isEqualTo("example.com");
      assertThat(d.certificateArn()).isEmpty();
    });
    assertThat(Files.isRegularFile(repoRoot().resolve("examples/workshop/dist/index.html"))).isTrue();
  }

  /** {@code siteform.root} as surefire passes it, else the nearest folder up with examples/. */
  static Path repoRoot() {
    String root = System.getProperty("siteform.root");
    if (root != null && !root.isBlank() && Files.isDirectory(Path.of(root, "examples"))) {
      return Path.of(root);
    }
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples"))) return p;
    }
    throw new IllegalStateException("no examples/ folder above " + System.getProperty("user.dir"));
  }
}
