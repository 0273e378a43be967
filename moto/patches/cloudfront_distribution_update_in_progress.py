"""An updated distribution is InProgress until the change has reached every edge location.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Distribution.html (``Status``:
"When the status is Deployed, the distribution's information is fully propagated to all
CloudFront edge locations") and
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateDistribution.html: the
distribution UpdateDistribution returns, and GetDistribution until the change has propagated,
reports ``InProgress``; only then ``Deployed``.

moto 5.2.1 (``cloudfront/models.py`` CloudFrontBackend.update_distribution) leaves a deployed
distribution ``Deployed``: nothing waits for an update or for the disable before a delete. Here
an update starts the distribution's status over, under the transition moto's state manager is
configured with for ``cloudfront::distribution`` (the next read by default).
"""

from datetime import datetime

from moto.cloudfront.models import CloudFrontBackend


def apply():
    update = CloudFrontBackend.update_distribution

    def update_distribution(self, dist_config, _id, if_match):
        dist, location, etag = update(self, dist_config, _id, if_match)
        # ManagedState's own fields: back to the first status, as if just created.
        dist.status = "InProgress"
        dist._tick = 0
        dist._time_progressed = datetime.now()
        return dist, location, etag

    CloudFrontBackend.update_distribution = update_distribution
