/**
 * The provider SPI: what the engine asks of each resource type, one request/response pair per
 * call, and nothing about how a provider talks to AWS. No AWS type appears here.
 */
package io.siteform.engine.provider;
