"""Route53 throttles an account's API calls at about five a second.

AWS: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-requests
-- "All requests – Five requests per second per AWS account"; past it Route53 answers 400
``Throttling`` "Rate exceeded"
(https://docs.aws.amazon.com/Route53/latest/APIReference/CommonErrors.html). hashicorp/
terraform-provider-aws ``internal/service/route53`` polls changes with long delays: "Route53 is
vulnerable to throttling so longer delays, poll intervals helps significantly to avoid".

moto 5.2.1 answers every call.

Armed only (``_untidy``): a token bucket per account over every Route53 API call, refilled at
``route53_rate`` tokens a second (5 unless the control route says otherwise) and holding as many
(the burst); a call finding it empty answers 400 Throttling "Rate exceeded". It is the one
time-based untidy behaviour: a client that backs off as the SDK's retry modes do gets through.
moto's reset fills every bucket.
"""

import threading
import time
import warnings

from moto.core.responses import ActionResult
from moto.route53.exceptions import Route53ClientError
from moto.route53.responses import Route53

from . import _untidy

NAME = _untidy.behaviour(__name__)

_lock = threading.Lock()
_buckets = {}  # account -> [tokens, last refill (monotonic), rate it was filled at]


def _admit(account, now=None):
    """Takes a token from ``account``'s bucket; False if there is none."""
    rate = _untidy.route53_rate()
    now = time.monotonic() if now is None else now
    with _lock:
        bucket = _buckets.get(account)
        if bucket is None or bucket[2] != rate:
            bucket = _buckets[account] = [rate, now, rate]
        tokens = min(rate, bucket[0] + (now - bucket[1]) * rate)
        bucket[1] = now
        if tokens < 1:
            bucket[0] = tokens
            return False
        bucket[0] = tokens - 1
        return True


def _refill():
    with _lock:
        _buckets.clear()


class Throttling(Route53ClientError):
    def __init__(self):
        super().__init__("Throttling", "Rate exceeded")


def apply():
    call_action = Route53.call_action
    # Route53's service model has no Throttling shape (the SDKs know the code anyway).
    warnings.filterwarnings("ignore", message=r"Exception\(Throttling\) with code Throttling")

    def throttled_call_action(self):
        if _untidy.armed(NAME) and not _admit(self.current_account):
            status, headers, body = self.serialized(ActionResult(Throttling()))
            headers, body = self._enrich_response(headers, body)
            return status, headers, body
        return call_action(self)

    _untidy.on_reset(_refill)
    Route53.call_action = throttled_call_action
