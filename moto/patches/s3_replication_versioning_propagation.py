"""PutBucketReplication right after versioning was enabled may answer InvalidRequest.

AWS: replication needs versioning enabled on the source and destination buckets
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketReplication.html), and a bucket's
configuration is eventually consistent: right after PutBucketVersioning the replication call may
still see it unversioned and answer 400 InvalidRequest "Versioning must be 'Enabled' on the bucket
to apply a replication configuration". hashicorp/terraform-provider-aws
``internal/service/s3/bucket_replication_configuration.go`` retries PutBucketReplication on
exactly that error for ``bucketPropagationTimeout``.

moto 5.2.1 (``s3/responses.py`` _bucket_response_put) checks the source's versioning as it is
now.

Armed only (``_untidy``): after versioning is enabled while armed on a bucket, the first
PutBucketReplication on it, or naming it as a destination, answers that error once.
"""

from moto.s3.exceptions import VersioningNotEnabledForReplication
from moto.s3.models import S3Backend

from . import _support, _untidy

NAME = _untidy.behaviour(__name__)


def _destinations(replication):
    rules = replication.get("Rule") or []
    if isinstance(rules, dict):
        rules = [rules]
    for rule in rules:
        bucket = ((rule.get("Destination") or {}).get("Bucket") or "")
        yield bucket.split(":::")[-1]


def apply():
    put = S3Backend.put_bucket_replication

    def enabled(self, args, kwargs, _result):
        name = kwargs.get("bucket_name", args[0] if args else None)
        status = kwargs.get("status", args[1] if len(args) > 1 else None)
        if status == "Enabled":
            _untidy.mark(NAME, name)

    def put_bucket_replication(self, bucket_name, replication):
        # Take every mark the call involves: one error, then the retry succeeds.
        hits = [_untidy.take(NAME, b) for b in [bucket_name, *_destinations(replication)]]
        if any(hits):
            raise VersioningNotEnabledForReplication(bucket_name=bucket_name)
        return put(self, bucket_name, replication)

    _support.after(S3Backend, "put_bucket_versioning", enabled)
    S3Backend.put_bucket_replication = put_bucket_replication
