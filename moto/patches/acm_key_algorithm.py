"""DescribeCertificate answers the requested KeyAlgorithm, spelt with a hyphen.

AWS: https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html takes
KeyAlgorithm as ``RSA_2048 | RSA_3072 | RSA_4096 | EC_prime256v1 | EC_secp384r1 | EC_secp521r1``
(default ``RSA_2048``), but DescribeCertificate answers it hyphenated: ``RSA-2048``,
``EC-prime256v1``. hashicorp/terraform-provider-aws ``internal/service/acm/certificate.go``
normalises it on read: "ACM DescribeCertificate returns hyphenated string values instead of
underscore separated".

moto 5.2.1 (``acm/models.py`` CertBundle.describe) answers ``RSA_2048`` with an underscore, and
ignores RequestCertificate's KeyAlgorithm (its key is always RSA 2048): this patch answers what
was requested. ListCertificates is left as moto has it (its ``Includes.keyTypes`` filter compares
the underscore spelling).

Always on: it is how ACM answers, and the ACM provider normalises the spelling on read.
"""

import json

from moto.acm.responses import AWSCertificateManagerResponse

from . import _support



def _hyphenated(algorithm):
    # RSA_2048 -> RSA-2048, EC_prime256v1 -> EC-prime256v1: only the first separator.
    return algorithm.replace("_", "-", 1) if algorithm else algorithm


def apply():
    def remember_requested(self, _args, _kwargs, response):
        requested = self._get_param("KeyAlgorithm")
        if requested:
            arn = _arn(response)
            bundle = self.acm_backend._certificates.get(arn)
            if bundle is not None and not hasattr(bundle, "siteform_key_algorithm"):
                bundle.siteform_key_algorithm = requested

    def hyphenate(self, result):
        cert = result.get("Certificate") or {}
        if "KeyAlgorithm" not in cert:
            return
        bundle = self.acm_backend._certificates.get(cert.get("CertificateArn"))
        requested = getattr(bundle, "siteform_key_algorithm", None)
        cert["KeyAlgorithm"] = _hyphenated(requested or cert["KeyAlgorithm"])

    _support.after(AWSCertificateManagerResponse, "request_certificate", remember_requested)
    _support.rewrite_json(AWSCertificateManagerResponse, "describe_certificate", hyphenate)


def _arn(response):
    body = response if isinstance(response, str) else response[0]
    try:
        return json.loads(body).get("CertificateArn")
    except (ValueError, AttributeError):
        return None
