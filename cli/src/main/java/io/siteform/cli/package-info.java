/**
 * The command line: picocli commands, the one place that writes to the terminal, maps errors to
 * exit codes (0 ok, 1 error, 2 changes or drift present) and renders engine events as progress.
 */
package io.siteform.cli;
