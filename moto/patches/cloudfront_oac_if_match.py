"""UpdateOriginAccessControl and DeleteOriginAccessControl honour If-Match.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateOriginAccessControl.html
and https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteOriginAccessControl.html
-- both take the current ETag in If-Match: a missing one is InvalidIfMatchVersion (400), a stale
one PreconditionFailed (412); an update issues a new ETag; deleting an unknown Id is
NoSuchOriginAccessControl (404).

moto 5.2.1 (``cloudfront/models.py`` CloudFrontBackend.update_/delete_origin_access_control)
ignores If-Match, never changes the ETag, and answers HTTP 500 (a KeyError) for an unknown Id.
"""

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import random_id
from moto.cloudfront.responses import CloudFrontResponse


def _checked(response):
    control = response.backend.get_origin_access_control(response._get_param("Id"))
    if_match = response._get_param("IfMatch")
    if not if_match:
        raise CloudFrontException("InvalidIfMatchVersion",
                                  "The If-Match version is missing or not valid for the resource.")
    if if_match != control.etag:
        raise CloudFrontException("PreconditionFailed",
                                  "The precondition given in one or more of the request-header fields evaluated to false.")
    return control


def apply():
    update = CloudFrontResponse.update_origin_access_control
    delete = CloudFrontResponse.delete_origin_access_control

    def update_origin_access_control(self):
        control = _checked(self)
        control.etag = random_id()
        return update(self)

    def delete_origin_access_control(self):
        _checked(self)
        return delete(self)

    CloudFrontResponse.update_origin_access_control = update_origin_access_control
    CloudFrontResponse.delete_origin_access_control = delete_origin_access_control
