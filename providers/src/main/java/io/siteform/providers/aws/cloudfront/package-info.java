/**
 * CloudFront resource types: the origin access control (or legacy origin access identity) a
 * distribution's S3 origins sign their requests with, and the invalidation of what a publish
 * changed.
 */
package io.siteform.providers.aws.cloudfront;
