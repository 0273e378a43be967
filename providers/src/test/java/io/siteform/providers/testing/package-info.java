/**
 * Test support shipped to other modules as a test-jar: a JUnit 5 extension that runs siteform's
 * moto launcher (moto with the project's patches) on a free loopback port, once per JVM.
 */
package io.siteform.providers.testing;
