package io.siteform.engine.provider;

/**
 * A type siteform reads but never creates or deletes, such as the Route53 hosted zone a site's
 * names live in or a certificate the user made themselves. The planner reads it at plan time
 * (unless offline) and its attributes fill the placeholders that refer to it. Implementations are
 * stateless and thread-safe.
 */
public interface DataSource {
  /** The address type, for example {@code route53_zone}. */
  String type();

  /**
   * The object the query names, with its id and attributes. An object that is not there, or a
   * query that matches several, is a {@link io.siteform.error.ProviderException} whose message
   * says what the user should change.
   */
  LiveResource read(DataRequest request);

  /** Whether it reads only the local disk (the site's files), so an offline plan reads it too. */
  default boolean local() {
    return false;
  }
}
