"""CreateBucket of a name just deleted may answer OperationAborted.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList --
OperationAborted, 409 Conflict: "A conflicting conditional operation is currently in progress
against this resource. Try again." S3 answers it to a CreateBucket of a name whose deletion is
still propagating (bucket configurations are eventually consistent,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel).
hashicorp/terraform-provider-aws ``internal/service/s3/bucket.go`` retries CreateBucket on
``errCodeOperationAborted``, and its ``service_package.go`` makes the SDK retry any call answering
OperationAborted "A conflicting conditional operation is currently in progress against this
resource. Please try again." (the message S3 sends, used here).

moto 5.2.1 creates the bucket again at once.

Armed only (``_untidy``): after a DeleteBucket while armed, the next CreateBucket of that name
answers 409 OperationAborted once; the retry creates it.
"""

from moto.s3.models import S3Backend

from . import _s3, _support, _untidy

NAME = _untidy.behaviour(__name__)
MESSAGE = ("A conflicting conditional operation is currently in progress against this resource. "
           "Please try again.")


def apply():
    def deleted(self, args, kwargs, bucket):
        if bucket is not None:  # moto answers BucketNotEmpty when it returns None
            _untidy.mark(NAME, kwargs.get("bucket_name", args[0] if args else None))

    def aborted(self, bucket, op):
        if op == ("Create", None) and _untidy.take(NAME, bucket):
            return _s3.error(409, "OperationAborted", MESSAGE, bucket)
        return None

    _support.after(S3Backend, "delete_bucket", deleted)
    _s3.before_bucket_request(aborted)
