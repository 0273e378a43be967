"""A cache behaviour may route to an origin group.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginGroup.html -- "When you
create or update a distribution, you can specify the origin group instead of a single origin";
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DefaultCacheBehavior.html
(``TargetOriginId``) names the origin, or origin group, requests go to. NoSuchOrigin is for an ID
that is neither ("One or more of your origins or origin groups do not exist").

moto 5.2.1 (``cloudfront/models.py`` DistributionConfig.__init__) compares
``DefaultCacheBehavior.TargetOriginId`` with the origins' IDs only, so CreateDistribution and
UpdateDistribution fail with NoSuchOrigin for an origin group's ID.
"""

from moto.cloudfront.exceptions import OriginDoesNotExist
from moto.cloudfront.models import DistributionConfig


def _group_ids(config):
    groups = config.get("OriginGroups") or {}
    return {g.get("Id") for g in groups.get("Items") or []}


def apply():
    original = DistributionConfig.__init__

    def __init__(self, config):
        try:
            original(self, config)
        except OriginDoesNotExist:
            if config["DefaultCacheBehavior"].target_origin_id not in _group_ids(config):
                raise
            # moto checks the target last, after normalising ``config`` in place: finish as it would.
            self.__dict__.update(config)
            self.caller_reference = config["CallerReference"]

    DistributionConfig.__init__ = __init__
