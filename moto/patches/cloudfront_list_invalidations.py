"""ListInvalidations pages (Marker, MaxItems) and knows which distributions exist.

AWS: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListInvalidations.html --
"MaxItems: The maximum number of invalidation batches that you want in the response body";
"Marker: ... set Marker to the value of the NextMarker from the current page's response";
the InvalidationList (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_InvalidationList.html)
has Marker, MaxItems, IsTruncated and Quantity (all required) and NextMarker while truncated; each
InvalidationSummary has Id, CreateTime and Status; a distribution that does not exist is
NoSuchDistribution (404).

moto 5.2.1 (``cloudfront/responses.py`` list_invalidations) answers every invalidation in one
page whatever MaxItems says (IsTruncated always false, so a paginator cannot be shown to follow
NextMarker), leaves out Marker, and answers an empty list for a distribution that does not exist.
(It does give each summary its CreateTime, and GetInvalidation the paths.)
"""

from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult

from . import _cloudfront as cf


def list_invalidations(self):
    dist_id = self._get_param("DistributionId")
    self.backend.get_distribution(dist_id)  # NoSuchDistribution
    page = cf.page(self, list(self.backend.list_invalidations(dist_id)), lambda i: i.id)
    listing = {
        "Marker": page["marker"],
        "MaxItems": page["max_items"],
        "IsTruncated": page["next_marker"] is not None,
        "Quantity": len(page["items"]),
        "Items": [{"Id": i.id, "CreateTime": i.create_time, "Status": i.status} for i in page["items"]] or None,
    }
    if page["next_marker"]:
        listing["NextMarker"] = page["next_marker"]
    return ActionResult({"InvalidationList": listing})


def apply():
    CloudFrontResponse.list_invalidations = list_invalidations
