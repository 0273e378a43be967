/** S3 resource types: buckets (with their versioning, public access block, encryption, tags), replication and bucket policies. */
package io.siteform.providers.aws.s3;
