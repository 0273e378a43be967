"""An origin access control's name is unique in the account.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateOriginAccessControl.html
-- CreateOriginAccessControl fails with OriginAccessControlAlreadyExists (409) "An origin access
control with the specified parameters already exists" when the account already has a control of
that name (the API has no CallerReference: the name is what makes a retried create detectable).

moto 5.2.1 (``cloudfront/models.py`` CloudFrontBackend.create_origin_access_control) creates a
second control with the same name.
"""

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend


def apply():
    create = CloudFrontBackend.create_origin_access_control

    def create_origin_access_control(self, config_dict):
        name = config_dict.get("Name")
        if any(c.name == name for c in self.origin_access_controls.values()):
            raise CloudFrontException("OriginAccessControlAlreadyExists",
                                      f"An origin access control with the name {name} already exists.")
        return create(self, config_dict)

    CloudFrontBackend.create_origin_access_control = create_origin_access_control
