package io.siteform.cli;

import io.siteform.engine.resource.Address;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code --target ADDR}: parsing, and the warning Terraform users know. */
final class Targets {
  private Targets() {}

  static Set<Address> parse(List<String> targets) {
    Set<Address> out = new TreeSet<>();
    if (targets == null) return out;
    for (String t : targets) {
      try {
        out.add(Address.parse(t));
      } catch (IllegalArgumentException e) {
        throw new io.siteform.error.UsageException("--target: " + e.getMessage());
      }
    }
    return out;
  }

  static void warn(PrintWriter err, Set<Address> targets) {
    if (targets.isEmpty()) return;
    err.println("Warning: resource targeting is in effect (" + targets.size() + (targets.size() == 1 ? " target" : " targets")
        + "): the plan covers only those and what they depend on, so it may not bring the whole site to the spec."
        + " Run without --target afterwards.");
    err.flush();
  }
}
