"""An invalidation is InProgress when it is made, and Completed only later.

AWS: CreateInvalidation answers the new invalidation with Status ``InProgress``; GetInvalidation
says ``InProgress`` until CloudFront has removed the paths from its edge caches, then
``Completed`` (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Invalidation.html,
Status: "When the invalidation batch is finished, the status is Completed"). It takes minutes:
the CLI's ``aws cloudfront wait invalidation-completed`` polls every 20 seconds, up to 30 times
(https://docs.aws.amazon.com/cli/latest/reference/cloudfront/wait/invalidation-completed.html).

moto 5.2.1 (``cloudfront/models.py`` Invalidation) makes every invalidation ``COMPLETED`` at once,
so a tool that waits for it cannot be told from one that does not.

While invalidations are in progress, CloudFront takes more only within its limits
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html,
"Concurrent invalidation request maximum": 3,000 file paths, or 15 wildcard paths, in progress at
one time per distribution): CreateInvalidation beyond them answers 400
``TooManyInvalidationsInProgress`` (API reference, CreateInvalidation, Errors: "You have exceeded
the maximum number of allowable InProgress invalidation batch requests, or invalidation objects").

Armed only (``_untidy``): an invalidation made while armed is ``InProgress`` in the create's answer,
in ListInvalidations and in its first GetInvalidation; its second GetInvalidation finds it
``Completed``, and so does every call after. A CreateInvalidation that would put the
distribution's in-progress invalidations over either limit is refused with
TooManyInvalidationsInProgress, and the refusal completes the oldest of them, as the time a
caller waits before trying again would: count-based, so a retry succeeds once enough have been
refused, whatever the machine's speed. A create whose CallerReference was used before is
answered as ``cloudfront_invalidation_caller_reference`` answers it, without the check.
"""

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend, Invalidation

from . import _untidy

NAME = _untidy.behaviour(__name__)

MAX_FILE_PATHS = 3000
MAX_WILDCARD_PATHS = 15


def apply():
    init = Invalidation.__init__

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if _untidy.armed(NAME):
            self.status = "InProgress"
            _untidy.mark(NAME, self.id)

    Invalidation.__init__ = __init__

    get = CloudFrontBackend.get_invalidation

    def get_invalidation(self, dist_id, id):
        invalidation = get(self, dist_id, id)
        # The first look takes the mark and still sees it in progress; the next finds it done.
        if invalidation.status == "InProgress" and not _untidy.take(NAME, invalidation.id):
            invalidation.status = "Completed"
        return invalidation

    CloudFrontBackend.get_invalidation = get_invalidation

    create = CloudFrontBackend.create_invalidation

    def create_invalidation(self, dist_id, paths, caller_ref):
        earlier = self.invalidations.get(dist_id) or []
        if _untidy.armed(NAME) and not any(i.caller_ref == caller_ref for i in earlier):
            running = [i for i in earlier if i.status == "InProgress"]
            held = [p for i in running for p in i.paths] + list(paths)
            wildcards = sum(1 for p in held if p.endswith("*"))
            over = ("wildcard invalidations" if wildcards > MAX_WILDCARD_PATHS
                    else "invalidation objects" if len(held) - wildcards > MAX_FILE_PATHS else None)
            if running and over:
                running[0].status = "Completed"
                raise CloudFrontException(
                    "TooManyInvalidationsInProgress",
                    f"Processing your request will cause you to exceed the maximum number of in-progress {over}.")
        return create(self, dist_id, paths, caller_ref)

    CloudFrontBackend.create_invalidation = create_invalidation
