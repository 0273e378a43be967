/** IAM resource types: the replication role and its inline policy. IAM is global (signed for us-east-1). */
package io.siteform.providers.aws.iam;
