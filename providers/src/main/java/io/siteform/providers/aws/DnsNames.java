package io.siteform.providers.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DNS names as siteform records them: lower case, without the trailing dot, with Route53's octal
 * escapes ({@code \052} for {@code *}) decoded. AWS answers with the dot and, for Route53, the
 * escapes; specs never have them. Comparing normal forms is comparing names, since DNS ignores
 * case.
 */
public final class DnsNames {
  private DnsNames() {}

  public static String normal(String name) {
    if (name == null) return "";
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && isOctal(name, i + 1)) {
        b.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    String s = b.toString().toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) return false;
    for (int i = from; i < from + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') return false;
    }
    return true;
  }

  /**
   * {@code live} in the order of {@code reference} (the recorded or desired list) when both hold
   * the same elements, else {@code live} as AWS gave it. AWS does not promise to keep the order of
   * a set-like list (a certificate's names, a record's values), and an order-only difference is
   * no change.
   */
  public static List<String> orderedLike(List<String> live, Object reference) {
    if (!(reference instanceof Collection<?> ref) || ref.size() != live.size()) return List.copyOf(live);
    Map<String, Integer> counts = new HashMap<>();
    live.forEach(s -> counts.merge(s, 1, Integer::sum));
    List<String> out = new ArrayList<>(ref.size());
    for (Object o : ref) {
      String s = String.valueOf(o);
      if (counts.merge(s, -1, Integer::sum) < 0) return List.copyOf(live);
      out.add(s);
    }
    return List.copyOf(out);
  }
}
