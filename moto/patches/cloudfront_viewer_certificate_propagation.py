"""Create/UpdateDistribution with a certificate ACM has just issued may answer
InvalidViewerCertificate.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateDistribution.html
(Errors: InvalidViewerCertificate, 400) -- CloudFront checks the ViewerCertificate's ACM
certificate against its own, eventually consistent, view of ACM. hashicorp/
terraform-provider-aws ``internal/service/cloudfront/distribution.go`` retries CreateDistribution
and UpdateDistribution on InvalidViewerCertificate for a minute: "ACM and IAM certificate
eventual consistency".

moto 5.2.1 (``cloudfront/models.py``) never checks the certificate.

Armed only (``_untidy``): while armed, the first CreateDistribution(WithTags) or
UpdateDistribution naming a given ACM certificate ARN answers 400 InvalidViewerCertificate once;
later calls naming it as moto answers.
"""

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend

from . import _untidy

NAME = _untidy.behaviour(__name__)
MESSAGE = ("The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, "
           "or doesn't include a valid certificate chain.")


def _check(config):
    viewer = (config or {}).get("ViewerCertificate") or {}
    arn = viewer.get("ACMCertificateArn")
    if arn and _untidy.first(NAME, arn):
        raise CloudFrontException("InvalidViewerCertificate", MESSAGE)


def apply():
    # CreateDistribution goes through create_distribution_with_tags too.
    create = CloudFrontBackend.create_distribution_with_tags
    update = CloudFrontBackend.update_distribution

    def create_distribution_with_tags(self, distribution_config, *args, **kwargs):
        _check(distribution_config)
        return create(self, distribution_config, *args, **kwargs)

    def update_distribution(self, dist_config, *args, **kwargs):
        _check(dist_config)
        return update(self, dist_config, *args, **kwargs)

    CloudFrontBackend.create_distribution_with_tags = create_distribution_with_tags
    CloudFrontBackend.update_distribution = update_distribution
