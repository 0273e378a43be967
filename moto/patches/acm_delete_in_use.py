"""DeleteCertificate refuses a certificate that is in use.

AWS: https://docs.aws.amazon.com/acm/latest/APIReference/API_DeleteCertificate.html -- "You cannot
delete an ACM certificate that is being used by another AWS service. To delete a certificate that
is in use, you must first remove the certificate association"; the call fails with
ResourceInUseException (400). A CloudFront distribution uses the certificate its ViewerCertificate
names.

moto 5.2.1 (``acm/models.py`` AWSCertificateManagerBackend.delete_certificate) deletes the
certificate whatever uses it. siteform's delete waits, bounded, while a distribution still holds
the certificate (its switch to a new one may still be deploying).
"""

from moto.acm.models import AWSCertificateManagerBackend
from moto.core.exceptions import AWSError

from . import _acm_usage


class ResourceInUseException(AWSError):
    TYPE = "ResourceInUseException"


def apply():
    delete = AWSCertificateManagerBackend.delete_certificate

    def delete_certificate(self, arn):
        bundle = self._certificates.get(arn)
        if bundle is not None and _acm_usage.users(bundle):
            raise ResourceInUseException(f"Certificate {arn} in account {self.account_id} is in use.")
        return delete(self, arn)

    AWSCertificateManagerBackend.delete_certificate = delete_certificate
