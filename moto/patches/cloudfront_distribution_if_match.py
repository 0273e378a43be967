"""UpdateDistribution and DeleteDistribution honour If-Match; an update issues a new ETag.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateDistribution.html and
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteDistribution.html -- both take
the ETag of the last GetDistribution(Config) in If-Match: a missing one is InvalidIfMatchVersion
(400), a stale one PreconditionFailed (412), an unknown Id NoSuchDistribution (404). Each update
makes a new version with a new ETag.

moto 5.2.1 (``cloudfront/models.py`` CloudFrontBackend.update_/delete_distribution) accepts any
If-Match value and keeps one ETag for the distribution's whole life, so a writer that raced
another is never told.
"""

from moto.cloudfront.exceptions import CloudFrontException, InvalidIfMatchVersion, NoSuchDistribution
from moto.cloudfront.models import CloudFrontBackend, random_id


def _check(backend, distribution_id, if_match):
    dist = backend.distributions.get(distribution_id) if distribution_id else None
    if dist is None:
        raise NoSuchDistribution
    if not if_match:
        raise InvalidIfMatchVersion
    if if_match != dist.etag:
        raise CloudFrontException("PreconditionFailed",
                                  "The precondition given in one or more of the request-header fields evaluated to false.")
    return dist


def apply():
    update = CloudFrontBackend.update_distribution
    delete = CloudFrontBackend.delete_distribution

    def update_distribution(self, dist_config, _id, if_match):
        _check(self, _id, if_match)
        dist, location, _ = update(self, dist_config, _id, if_match)
        dist.etag = random_id()
        return dist, location, dist.etag

    def delete_distribution(self, distribution_id, if_match):
        _check(self, distribution_id, if_match)
        return delete(self, distribution_id, if_match)

    CloudFrontBackend.update_distribution = update_distribution
    CloudFrontBackend.delete_distribution = delete_distribution
