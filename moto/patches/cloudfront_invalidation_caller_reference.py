"""CreateInvalidation with a CallerReference already used returns the earlier invalidation.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_InvalidationBatch.html --
"If you make a second invalidation request with the same value for CallerReference, and if the
rest of the request is the same, CloudFront doesn't create a new invalidation request. Instead,
CloudFront returns information about the invalidation request that you previously created with
the same CallerReference. If CallerReference is a value you already sent in a previous
invalidation batch request but the content of any Path is different from the original request,
CloudFront returns an InvalidationBatchAlreadyExists error."

moto 5.2.1 (``cloudfront/models.py`` CloudFrontBackend.create_invalidation) creates a new
invalidation on every call, so a retried apply cannot be shown not to invalidate twice.
"""

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend


def apply():
    create = CloudFrontBackend.create_invalidation

    def create_invalidation(self, dist_id, paths, caller_ref):
        for earlier in self.invalidations.get(dist_id) or []:
            if earlier.caller_ref == caller_ref:
                if sorted(earlier.paths) == sorted(paths):
                    return earlier
                raise CloudFrontException(
                    "InvalidationBatchAlreadyExists",
                    f"The CallerReference {caller_ref} was already used for an invalidation batch"
                    " with other paths.")
        return create(self, dist_id, paths, caller_ref)

    CloudFrontBackend.create_invalidation = create_invalidation
