package io.siteform.engine.resource;

import java.util.Objects;
import java.util.regex.Pattern;

/** A resource's address, {@code TYPE.NAME}, for example {@code s3_bucket.primary}. */
public record Address(String type, String name) implements Comparable<Address> {
  private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

  public Address {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (!PART.matcher(type).matches() || !PART.matcher(name).matches()) {
      throw new IllegalArgumentException("not a resource address: " + type + "." + name);
    }
  }

  /** Parses {@code TYPE.NAME}; throws {@link IllegalArgumentException} with a readable message. */
  public static Address parse(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException(
          "not a resource address: '" + text + "' (write TYPE.NAME, for example s3_bucket.primary)");
    }
    return new Address(text.substring(0, dot), text.substring(dot + 1));
  }

  @Override
  public int compareTo(Address o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return type + "." + name;
  }
}
