package io.siteform.providers.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link MotoServer} into test constructors and methods, and wipes it before each
 * test. One launcher serves the whole JVM: started on first use, kept in the root context's store
 * and stopped when the test run ends.
 */
public final class MotoExtension implements ParameterResolver, BeforeEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server(context).reset();
  }

  private static MotoServer server(ExtensionContext context) {
    // The root store lives until the run ends; JUnit closes AutoCloseable values it holds.
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(MotoServer.class, k -> MotoServer.start(), MotoServer.class);
  }
}
