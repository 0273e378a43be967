"""A distribution's cache behaviours keep their FunctionAssociations.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DefaultCacheBehavior.html and
API_CacheBehavior.html -- ``FunctionAssociations`` (Quantity, Items of FunctionAssociation
{FunctionARN, EventType viewer-request|viewer-response},
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionAssociation.html) names
the CloudFront Functions a behaviour runs; GetDistribution and GetDistributionConfig return the
configuration as it was set.

moto 5.2.1 (``cloudfront/models.py`` DefaultCacheBehaviour.__init__, which CacheBehaviour calls)
sets ``function_associations = {"Quantity": 0}`` whatever was sent.
"""

import copy

from moto.cloudfront.models import DefaultCacheBehaviour


def apply():
    init = DefaultCacheBehaviour.__init__

    def __init__(self, config):
        init(self, config)
        associations = config.get("FunctionAssociations")
        if associations:
            items = copy.deepcopy(associations.get("Items") or [])
            self.function_associations = {"Quantity": len(items), "Items": items} if items else {"Quantity": 0}

    DefaultCacheBehaviour.__init__ = __init__
