"""An origin access control that a distribution's origin still names cannot be deleted.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteOriginAccessControl.html
-- "You cannot delete an origin access control if it's in use. First, update all distributions to
remove the origin access control from all origins, then delete the origin access control."
Deleting one still named by an origin's ``OriginAccessControlId``
(https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Origin.html) fails with
OriginAccessControlInUse (409).

moto 5.2.1 (``cloudfront/models.py`` CloudFrontBackend.delete_origin_access_control) deletes it
whatever uses it. The backend method is patched, so ``cloudfront_oac_if_match`` (which checks
If-Match in the response handler) still answers first for a missing or stale ETag, as AWS does.
The origin's OriginAccessControlId is recorded here too, so this holds without
``cloudfront_distribution_origin_access``.
"""

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend, Origin

# Not a member of any CloudFront shape, so the serializer never reads it.
_ATTR = "siteform_oac_in_use_id"


def _in_use(backend, control_id):
    for dist in backend.distributions.values():
        origins = getattr(dist.distribution_config, "Origins", None) or {}
        for origin in origins.get("Items") or []:
            if getattr(origin, _ATTR, "") == control_id:
                return True
    return False


def apply():
    init = Origin.__init__

    def __init__(self, origin):
        init(self, origin)
        setattr(self, _ATTR, origin.get("OriginAccessControlId") or "")

    Origin.__init__ = __init__

    delete = CloudFrontBackend.delete_origin_access_control

    def delete_origin_access_control(self, control_id):
        self.get_origin_access_control(control_id)  # NoSuchOriginAccessControl first
        if _in_use(self, control_id):
            raise CloudFrontException("OriginAccessControlInUse",
                                      "Cannot delete the origin access control because it's in use by one "
                                      "or more distributions.")
        return delete(self, control_id)

    CloudFrontBackend.delete_origin_access_control = delete_origin_access_control
