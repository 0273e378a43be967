package io.siteform.engine.render;

/** Terminal styling; {@link #PLAIN} for files, pipes, {@code --no-color} and golden files. */
public interface Style {
  Style PLAIN = new Style() {};
  Style ANSI = new Style() {
    @Override public String green(String s) { return "\u001b[32m" + s + "\u001b[0m"; }
    @Override public String yellow(String s) { return "\u001b[33m" + s + "\u001b[0m"; }
    @Override public String red(String s) { return "\u001b[31m" + s + "\u001b[0m"; }
    @Override public String bold(String s) { return "\u001b[1m" + s + "\u001b[0m"; }
    @Override public String dim(String s) { return "\u001b[2m" + s + "\u001b[0m"; }
  };

  default String green(String s) { return s; }
  default String yellow(String s) { return s; }
  default String red(String s) { return s; }
  default String bold(String s) { return s; }
  default String dim(String s) { return s; }
}
