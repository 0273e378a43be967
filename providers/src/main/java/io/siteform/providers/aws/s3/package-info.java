/** S3 resource types: buckets (with their versioning, public access block, encryption, tags) and replication. */
package io.siteform.providers.aws.s3;
