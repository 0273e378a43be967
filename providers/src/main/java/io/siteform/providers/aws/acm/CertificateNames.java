package io.siteform.providers.aws.acm;

import io.siteform.providers.aws.DnsNames;

/** Which names a certificate's names cover, as TLS clients match them (RFC 6125 section 6.4.3). */
public final class CertificateNames {
  private CertificateNames() {}

  /**
   * Whether a certificate for {@code certName} is valid for the host {@code name}: the same name,
   * or a wildcard {@code *.example.com} standing for exactly one label ({@code www.example.com};
   * not {@code example.com}, not {@code a.b.example.com}). Case and a trailing dot do not matter.
   */
  public static boolean covers(String certName, String name) {
    String cert = DnsNames.normal(certName);
    String host = DnsNames.normal(name);
    if (cert.isEmpty() || host.isEmpty()) return false;
    if (!cert.startsWith("*.")) return cert.equals(host);
    String parent = cert.substring(1); // ".example.com"
    if (!host.endsWith(parent)) return false;
    String label = host.substring(0, host.length() - parent.length());
    return !label.isEmpty() && !label.contains(".") && !label.equals("*");
  }
}
