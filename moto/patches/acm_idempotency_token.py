"""RequestCertificate with an IdempotencyToken used in the last hour returns that certificate.

AWS: https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html --
IdempotencyToken: "Idempotency tokens time out after one hour. Therefore, if you call
RequestCertificate multiple times with the same idempotency token within one hour, ACM recognizes
that you are requesting only one certificate and will issue only one."

moto 5.2.1 (``acm/models.py`` AWSCertificateManagerBackend.request_certificate) returns the earlier
certificate only if the request's tags equal the certificate's current tags: a retried request
with other tags (or after the tags were changed) issues a second certificate. For a token whose
certificate has since been deleted it fails with HTTP 500 (a KeyError); the reference does not
say what ACM does then, and this patch treats it as a new request.
"""

from moto.acm.models import AWSCertificateManagerBackend


def apply():
    request = AWSCertificateManagerBackend.request_certificate

    def request_certificate(self, domain_name, idempotency_token, subject_alt_names, tags, *args, **kwargs):
        if idempotency_token is not None:
            arn = self._get_arn_from_idempotency_token(idempotency_token)
            if arn in self._certificates:
                return arn
            if arn is not None:
                del self._idempotency_tokens[idempotency_token]
        return request(self, domain_name, idempotency_token, subject_alt_names, tags, *args, **kwargs)

    AWSCertificateManagerBackend.request_certificate = request_certificate
