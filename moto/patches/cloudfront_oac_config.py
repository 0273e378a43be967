"""GetOriginAccessControlConfig returns the control's configuration and ETag.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetOriginAccessControlConfig.html
-- ``GET /2020-05-31/origin-access-control/{Id}/config`` answers the OriginAccessControlConfig
and the ETag to send as If-Match to UpdateOriginAccessControl and DeleteOriginAccessControl.

moto 5.2.1 routes the path but has no handler for the operation: HTTP 500.
"""

from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult


def get_origin_access_control_config(self):
    control = self.backend.get_origin_access_control(self._get_param("Id"))
    return ActionResult({"OriginAccessControlConfig": control, "ETag": control.etag})


def apply():
    CloudFrontResponse.get_origin_access_control_config = get_origin_access_control_config
