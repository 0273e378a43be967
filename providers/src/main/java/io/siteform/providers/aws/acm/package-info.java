/**
 * ACM resource types, all in us-east-1 (the one region CloudFront takes certificates from): the
 * DNS-validated certificate siteform requests, the wait for it to be issued, and the lookup of a
 * certificate the user made themselves.
 */
package io.siteform.providers.aws.acm;
