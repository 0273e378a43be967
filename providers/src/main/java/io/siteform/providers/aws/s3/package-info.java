/**
 * S3 resource types: buckets (with their versioning, public access block, encryption, tags),
 * replication, bucket policies, and the site's content published to the primary bucket and
 * present in every replica.
 */
package io.siteform.providers.aws.s3;
