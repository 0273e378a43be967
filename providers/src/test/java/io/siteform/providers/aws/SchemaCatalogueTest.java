package io.siteform.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.siteform.engine.provider.Provider;
import io.siteform.engine.provider.Schemas;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The engine's tests plan with {@link Schemas} on a fake cloud; this keeps those schemas the ones
 * the AWS providers run with, type by type.
 */
class SchemaCatalogueTest {
  @Test
  void everyProvidersSchemaIsTheCataloguesOne() {
    try (AwsClients clients = new AwsClients(Optional.empty(), Optional.empty())) {
      Map<String, Object> providers = new TreeMap<>();
      for (Provider p : AwsProviders.all(clients)) providers.put(p.schema().type(), p.schema());
      assertThat(providers).isEqualTo(new TreeMap<>(Schemas.all()));
    }
  }
}
