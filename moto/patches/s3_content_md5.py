"""S3 refuses a PutObject or UploadPart whose body does not match its Content-MD5.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html -- Content-MD5 is "the
base64-encoded 128-bit MD5 digest of the message (without the headers) according to RFC 1864.
This header can be used as a message integrity check to verify that the data is the same data
that was originally sent"; the same for UploadPart
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html). A body whose MD5 differs
is refused with 400 BadDigest, a header that is no base64 MD5 with 400 InvalidDigest
(https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList), and nothing
is stored.

moto 5.2.1 (``s3/responses.py`` S3Response.put_object and upload_part) ignores Content-MD5 and
stores whatever body came.

siteform sends each file with the MD5 its plan was made with, so that S3, not a second hash on
the client, refuses a file edited between plan and apply.
"""

import base64
import binascii
import functools
import hashlib

from moto.s3.responses import S3Response

from . import _s3

BAD = "The Content-MD5 you specified did not match what we received."
INVALID = "The Content-MD5 you specified is not valid."


def _refusal(self):
    """S3's error for this request's Content-MD5, or None when it holds (or there is none)."""
    header = self.headers.get("Content-MD5")
    if header is None:
        return None
    try:
        expected = base64.b64decode(header, validate=True)
    except (binascii.Error, ValueError):
        expected = b""
    if len(expected) != 16:
        return _s3.error(400, "InvalidDigest", INVALID, self.bucket_name)
    if hashlib.md5(self.body or b"").digest() != expected:
        return _s3.error(400, "BadDigest", BAD, self.bucket_name)
    return None


def _checked(original):
    @functools.wraps(original)
    def wrapper(self):
        return _refusal(self) or original(self)
    return wrapper


def apply():
    S3Response.put_object = _checked(S3Response.put_object)
    S3Response.upload_part = _checked(S3Response.upload_part)
