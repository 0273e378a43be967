"""DescribeCertificate lists the CloudFront distributions that use a certificate in InUseBy.

AWS: https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateDetail.html -- InUseBy is
"A list of ARNs for the AWS resources that are using the certificate"; a distribution whose
ViewerCertificate names an ACM certificate is one of them.

moto 5.2.1 (``acm/models.py`` CertBundle.describe) fills InUseBy only from load balancers that
registered the certificate; its CloudFront never does, so a certificate a distribution serves with
looks unused. siteform names the distributions in the error when a delete finds the certificate
in use.
"""

from moto.acm.models import CertBundle

from . import _acm_usage


def apply():
    describe = CertBundle.describe

    def describe_with_users(self):
        result = describe(self)
        result["Certificate"]["InUseBy"] = _acm_usage.users(self)
        return result

    CertBundle.describe = describe_with_users
