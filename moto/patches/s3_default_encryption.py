"""Every bucket has SSE-S3 default encryption unless configured otherwise.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html -- "By
default, all buckets have a default encryption configuration that uses server-side encryption
with Amazon S3 managed keys (SSE-S3)" (since January 2023); DeleteBucketEncryption
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketEncryption.html) resets a
bucket to that default.

moto 5.2.1 (``s3/models.py`` S3Backend.get_bucket_encryption) answers
``ServerSideEncryptionConfigurationNotFoundError`` for a bucket never given a configuration.
"""

from moto.s3.models import S3Backend

_DEFAULT = {
    "Rule": {
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
        "BucketKeyEnabled": "false",
    }
}


def apply():
    original = S3Backend.get_bucket_encryption

    def get_bucket_encryption(self, bucket_name):
        return original(self, bucket_name) or _DEFAULT

    S3Backend.get_bucket_encryption = get_bucket_encryption
