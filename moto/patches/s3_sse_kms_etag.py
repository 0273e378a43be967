"""An object stored with SSE-KMS has an ETag that is not the MD5 of its data.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/RESTCommonResponseHeaders.html (ETag) --
"Objects created by the PUT Object, POST Object, or Copy operation, or through the AWS Management
Console, and are encrypted by SSE-C or SSE-KMS, have ETags that are not an MD5 digest of their
object data." That holds for an object written with ``x-amz-server-side-encryption: aws:kms``
and for one written to a bucket whose default encryption is aws:kms.

moto 5.2.1 (``s3/models.py`` FakeKey.etag) answers the MD5 of the data whatever the encryption.

Always on: such an object's ETag is fixed when it is stored (an MD5 of its data's MD5, version
and key id, so it is not the data's MD5), so PutObject, HeadObject, GetObject, ListObjects(V2),
ListObjectVersions and replicas (which copy the source's ETag) all agree on it. Multipart ETags
(``...-N``) are left as moto makes them: they are no MD5 of the data either.
"""

import hashlib

from moto.s3.models import FakeKey

_KMS = ("aws:kms", "aws:kms:dsse")


def apply():
    init = FakeKey.__init__

    def init_with_kms_etag(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if self._etag is None and self.encryption in _KMS:
            data_md5 = hashlib.md5(self.value).hexdigest()  # noqa: S324 - S3's ETag, not security
            seed = f"sse-kms:{data_md5}:{self.version_id}:{self.kms_key_id or ''}"
            self._etag = hashlib.md5(seed.encode()).hexdigest()  # noqa: S324

    FakeKey.__init__ = init_with_kms_etag
