/**
 * The small, sealed family of errors a user can meet. Each carries the context a user needs to
 * act (file/line/column, resource address, AWS request id); the CLI renders them without a stack
 * trace. It lives in the bottom module so every layer can throw and catch the same types.
 */
package io.siteform.error;
