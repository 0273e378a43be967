/**
 * CloudFront resource types: the origin access control (or legacy origin access identity) a
 * distribution's S3 origins sign their requests with; the distribution itself, with the pure
 * mapping between siteform's attributes and CloudFront's DistributionConfig and the bounded wait
 * for a distribution to deploy; and the invalidation of what a publish changed.
 */
package io.siteform.providers.aws.cloudfront;
