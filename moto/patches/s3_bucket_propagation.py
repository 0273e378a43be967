"""Configuration calls right after CreateBucket may answer NoSuchBucket.

AWS: "Bucket configurations have an eventual consistency model"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel): a call on a
bucket just created may reach a part of S3 that does not know it yet. hashicorp/
terraform-provider-aws ``internal/service/s3/bucket.go`` retries every bucket sub-resource call
after create on NoSuchBucket for ``bucketPropagationTimeout`` (2 minutes, "General timeout for S3
bucket changes to propagate", citing that page).

moto 5.2.1 knows a bucket everywhere the moment CreateBucket returns.

Armed only (``_untidy``): after a CreateBucket while armed, the bucket's first configuration
call -- Put or Get of versioning, public access block, encryption, tagging, policy, replication
or lifecycle -- answers 404 NoSuchBucket once; later calls as moto answers.
"""

from moto.s3.exceptions import MissingBucket
from moto.s3.models import S3Backend

from . import _s3, _support, _untidy

NAME = _untidy.behaviour(__name__)


def apply():
    def created(self, args, kwargs, _bucket):
        name = kwargs.get("bucket_name", args[0] if args else None)
        _untidy.mark(NAME, name)

    def not_yet(self, bucket, op):
        _verb, sub = op
        if sub is not None and _untidy.take(NAME, bucket):
            raise MissingBucket(bucket=bucket)
        return None

    _support.after(S3Backend, "create_bucket", created)
    _s3.before_bucket_request(not_yet)
