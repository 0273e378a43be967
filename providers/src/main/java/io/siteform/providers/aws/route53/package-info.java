/**
 * Route53 types: the DNS records siteform adds to a hosted zone (certificate validation CNAMEs,
 * alias records for the distribution) and the lookup of that zone by name. Route53 is global.
 */
package io.siteform.providers.aws.route53;
