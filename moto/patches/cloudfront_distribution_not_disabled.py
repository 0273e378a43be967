"""An enabled distribution cannot be deleted.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteDistribution.html --
"Before you can delete a distribution, you must disable it"; deleting one whose configuration is
still Enabled fails with DistributionNotDisabled (409).

moto 5.2.1 (``cloudfront/models.py`` CloudFrontBackend.delete_distribution) deletes it.
"""

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend


def apply():
    delete = CloudFrontBackend.delete_distribution

    def delete_distribution(self, distribution_id, if_match):
        dist = self.distributions.get(distribution_id)
        if dist is not None and getattr(dist.distribution_config, "Enabled", False):
            raise CloudFrontException("DistributionNotDisabled",
                                      "The distribution you are trying to delete has not been disabled.")
        return delete(self, distribution_id, if_match)

    CloudFrontBackend.delete_distribution = delete_distribution
