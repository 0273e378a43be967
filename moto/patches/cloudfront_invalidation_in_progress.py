"""An invalidation is InProgress when it is made, and Completed only later.

AWS: CreateInvalidation answers the new invalidation with Status ``InProgress``; GetInvalidation
says ``InProgress`` until CloudFront has removed the paths from its edge caches, then
``Completed`` (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Invalidation.html,
Status: "When the invalidation batch is finished, the status is Completed"). It takes minutes:
the CLI's ``aws cloudfront wait invalidation-completed`` polls every 20 seconds, up to 30 times
(https://docs.aws.amazon.com/cli/latest/reference/cloudfront/wait/invalidation-completed.html).

moto 5.2.1 (``cloudfront/models.py`` Invalidation) makes every invalidation ``COMPLETED`` at once,
so a tool that waits for it cannot be told from one that does not.

Armed only (``_untidy``): an invalidation made while armed is ``InProgress`` in the create's answer,
in ListInvalidations and in its first GetInvalidation; its second GetInvalidation finds it
``Completed``, and so does every call after.
"""

from moto.cloudfront.models import CloudFrontBackend, Invalidation

from . import _untidy

NAME = _untidy.behaviour(__name__)


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
