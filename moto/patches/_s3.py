"""Shared plumbing for the S3 patches that answer a bucket request before moto does: which
bucket operation a request is, and S3's XML error for codes moto's S3 has no class for."""

import functools

from moto.s3.responses import S3Response

# The bucket sub-resources hashicorp's provider retries on NoSuchBucket right after CreateBucket.
CONFIGURATION = {
    "versioning": "BucketVersioning",
    "publicAccessBlock": "PublicAccessBlock",
    "encryption": "BucketEncryption",
    "tagging": "BucketTagging",
    "policy": "BucketPolicy",
    "replication": "BucketReplication",
    "lifecycle": "BucketLifecycleConfiguration",
}


def operation(method, querystring):
    """``("Put" | "Get", sub-resource)`` for a configuration call, ``("Create", None)`` for
    CreateBucket, else None."""
    if method == "PUT" and not querystring:
        return "Create", None
    if method in ("PUT", "GET"):
        for sub in CONFIGURATION:
            if sub in querystring:
                return method.capitalize(), sub
    return None


def before_bucket_request(answer):
    """Wraps S3Response._bucket_response (the path-style bucket request): ``answer(self, bucket,
    op)`` may raise an S3ClientError or return a full response ``(status, headers, body)`` to
    send instead of moto's; None lets moto answer."""
    original = S3Response._bucket_response

    @functools.wraps(original)
    def wrapper(self, request, full_url):
        bucket = self.parse_bucket_name_from_url(request, full_url)
        op = operation(request.method, self._get_querystring(request, full_url)) if bucket else None
        if op is not None:
            early = answer(self, bucket, op)
            if early is not None:
                return early
        return original(self, request, full_url)

    S3Response._bucket_response = wrapper


def error(status, code, message, bucket):
    """S3's REST error document (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html)."""
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{code}</Code><Message>{message}</Message>"
            f"<BucketName>{bucket}</BucketName><RequestId>siteform-untidy</RequestId></Error>")
    return status, {"Content-Type": "application/xml"}, body
