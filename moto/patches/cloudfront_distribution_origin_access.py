"""A distribution's S3 origins keep S3OriginConfig and OriginAccessControlId.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html -- an origin has
``S3OriginConfig`` (with ``OriginAccessIdentity``: ``origin-access-identity/cloudfront/ID`` for a
legacy identity, empty otherwise) and ``OriginAccessControlId`` (the origin access control CloudFront
signs requests to the origin with); GetDistribution and GetDistributionConfig
(https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetDistributionConfig.html) return
the configuration as it was set.

moto 5.2.1 (``cloudfront/models.py`` Origin.__init__) keeps the identity in an attribute its
serializer never reads and drops ``OriginAccessControlId``: both are missing when read back.
"""

from moto.cloudfront.models import Origin


def apply():
    original = Origin.__init__

    def __init__(self, origin):
        original(self, origin)
        # The serializer looks the members up by name (S3OriginConfig / s3_origin_config).
        self.origin_access_control_id = origin.get("OriginAccessControlId") or ""
        if "S3OriginConfig" in origin:
            config = dict(origin["S3OriginConfig"] or {})
            config["OriginAccessIdentity"] = config.get("OriginAccessIdentity") or ""
            self.s3_origin_config = config

    Origin.__init__ = __init__
