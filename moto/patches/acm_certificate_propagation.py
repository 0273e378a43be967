"""A certificate requested a moment ago is not found yet, and its validation records come later.

AWS: ACM is eventually consistent. DescribeCertificate and ListTagsForCertificate right after
RequestCertificate may answer ResourceNotFoundException
(https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html, Errors), and
a DNS-validated certificate's DomainValidationOptions carry their ResourceRecord only some
seconds after the request (https://docs.aws.amazon.com/acm/latest/APIReference/API_DomainValidation.html,
ResourceRecord). hashicorp/terraform-provider-aws ``internal/service/acm/certificate.go`` retries
reads after create on NotFound and waits until every DNS validation option has its record.

moto 5.2.1 (``acm/models.py``) knows the certificate and every ResourceRecord at once.

Armed only (``_untidy``): a certificate requested while armed answers its first
DescribeCertificate and its first ListTagsForCertificate with ResourceNotFoundException, and its
first successful DescribeCertificate without any ResourceRecord; later calls as moto answers.
"""

import functools
import json

from moto.acm.exceptions import CertificateNotFound
from moto.acm.responses import AWSCertificateManagerResponse

from . import _support, _untidy

NAME = _untidy.behaviour(__name__)


def apply():
    request = AWSCertificateManagerResponse.request_certificate

    @functools.wraps(request)
    def request_certificate(self):
        before = set(self.acm_backend._certificates)
        response = request(self)
        body = response if isinstance(response, str) else response[0]
        arn = json.loads(body).get("CertificateArn") if body else None
        if arn and arn not in before:
            for call in ("describe", "tags", "records"):
                _untidy.mark(NAME, (call, arn))
        return response

    def not_found_once(call):
        def check(self):
            arn = self._get_param("CertificateArn")
            if arn and _untidy.take(NAME, (call, arn)):
                raise CertificateNotFound(arn=arn, account_id=self.current_account)
        return check

    def records_later(self, result):
        cert = result.get("Certificate") or {}
        if _untidy.take(NAME, ("records", cert.get("CertificateArn"))):
            for option in cert.get("DomainValidationOptions") or []:
                option.pop("ResourceRecord", None)

    AWSCertificateManagerResponse.request_certificate = request_certificate
    _support.rewrite_json(AWSCertificateManagerResponse, "describe_certificate", records_later)
    _support.before(AWSCertificateManagerResponse, "describe_certificate", not_found_once("describe"))
    _support.before(AWSCertificateManagerResponse, "list_tags_for_certificate", not_found_once("tags"))
