"""A distribution's ARN has an empty region field.

AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudfront.html
(resource type ``distribution``: ``arn:${Partition}:cloudfront::${Account}:distribution/${DistributionId}``),
as CreateDistribution returns it
(https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateDistribution.html, ``ARN``).
S3 bucket policies name the distribution by this ARN in ``AWS:SourceArn``, and TagResource takes it.

moto 5.2.1 (``cloudfront/models.py`` Distribution.__init__) writes
``arn:aws:cloudfront:ACCOUNT:distribution/ID``, without the empty region field.
"""

from moto.cloudfront.models import Distribution
from moto.utilities.utils import get_partition


def apply():
    original = Distribution.__init__

    def __init__(self, account_id, region_name, config):
        original(self, account_id, region_name, config)
        # Set before the backend tags the distribution, so tags are kept under this ARN.
        self.arn = f"arn:{get_partition(region_name)}:cloudfront::{account_id}:distribution/{self.distribution_id}"

    Distribution.__init__ = __init__
