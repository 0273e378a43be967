"""Which AWS resources use an ACM certificate, as ACM knows it: moto's own record (load balancers
register there) plus the CloudFront distributions whose viewer certificate names it, which moto's
CloudFront never registers."""


def users(bundle):
    """ARNs of what uses the certificate ``bundle``, sorted."""
    found = set(bundle.in_use_by)
    found.update(_distributions_using(bundle.arn))
    return sorted(found)


def _distributions_using(cert_arn):
    # arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID
    parts = cert_arn.split(":")
    if len(parts) < 6:
        return []
    partition, account = parts[1], parts[4]
    from moto.cloudfront.models import cloudfront_backends

    backend = cloudfront_backends[account][partition]
    out = []
    for dist in backend.distributions.values():
        viewer = getattr(dist.distribution_config, "ViewerCertificate", None)
        if getattr(viewer, "acm_certificate_arn", "") == cert_arn:
            out.append(dist.arn)
    return out
