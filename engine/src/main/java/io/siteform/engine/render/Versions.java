package io.siteform.engine.render;

/** The version siteform reports in plans and {@code --version}. */
public final class Versions {
  public static final String SITEFORM = "0.1.0";

  private Versions() {}
}
