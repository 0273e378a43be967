package io.siteform.state;

/** A held state lock; closing releases it. */
public interface StateLock extends AutoCloseable {
  @Override
  void close();
}
