"""ACM asks for the same validation CNAME for a domain name every time, and another per name.

AWS: https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html -- each validation
record is "created specifically for your domain and your account", and "you can request
additional ACM certificates for your fully qualified domain name (FQDN) for as long as the CNAME
record remains in place ... You can also replace a deleted certificate": a new certificate for a
name asks for the same ``_<hash>.example.com`` CNAME ``_<hash>.<id>.acm-validations.aws``. A
domain validated before (by hand, by an earlier site, by another tool) therefore already has it
in the zone: hashicorp/terraform-provider-aws#13653, and the provider's documented validation
example uses ``allow_overwrite``.

moto 5.2.1 (``acm/models.py`` CertBundle.describe) answers the same name prefix and the very same
value for every domain name of every account, so a test cannot tell one name's record from
another's.

Always on: DescribeCertificate's ResourceRecords are derived from the account and the domain name (a wildcard shares its base name's record, as on ACM).
"""

import hashlib

from moto.acm.responses import AWSCertificateManagerResponse

from . import _support


def record_for(account, domain_name):
    """The validation CNAME (name, value) ACM asks of ``account`` for ``domain_name``."""
    base = domain_name[2:] if domain_name.startswith("*.") else domain_name
    base = base.rstrip(".").lower()
    digest = hashlib.sha256(f"{account}:{base}".encode()).hexdigest()
    return f"_{digest[:32]}.{base}.", f"_{digest[32:64]}.{digest[:10]}.acm-validations.aws."


def apply():
    def stable(self, result):
        for option in (result.get("Certificate") or {}).get("DomainValidationOptions") or []:
            record = option.get("ResourceRecord")
            if record is not None:
                record["Name"], record["Value"] = record_for(self.current_account, option["DomainName"])

    _support.rewrite_json(AWSCertificateManagerResponse, "describe_certificate", stable)
