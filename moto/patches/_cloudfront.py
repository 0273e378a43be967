"""Shared plumbing for the CloudFront patches that add an API moto lacks (routes, ETags, If-Match,
the cache behaviours that may name a resource)."""

import secrets
import string

from moto.cloudfront import urls
from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.responses import CloudFrontResponse

PRECONDITION_FAILED = ("The precondition given in one or more of the request-header fields evaluated "
                       "to false.")


def error(code, message):
    """An AWS error; moto takes its HTTP status from botocore's model of the code."""
    return CloudFrontException(code, message)


def new_etag():
    return "E" + "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(13))


def check_if_match(response, etag):
    """If-Match must carry ``etag``: missing is InvalidIfMatchVersion, another is PreconditionFailed."""
    if_match = response._get_param("IfMatch")
    if not if_match:
        raise error("InvalidIfMatchVersion", "The If-Match version is missing or not valid for the resource.")
    if if_match != etag:
        raise error("PreconditionFailed", PRECONDITION_FAILED)


def store(response, name):
    """A dict held on the account's CloudFront backend, so that POST /moto-api/reset (which re-runs
    the backend's __init__) wipes it."""
    return response.backend.__dict__.setdefault(name, {})


def route(*patterns):
    """Send these paths (after ``{0}/2020-05-31``) to moto's CloudFront dispatcher, which names the
    operation from botocore's model (method and URI) and calls the method named after it."""
    urls.url_paths.update({"{0}/2020-05-31" + p: CloudFrontResponse.dispatch for p in patterns})


def operations(*functions):
    """Install response methods named after botocore's operations (CreateFunction -> create_function)."""
    for f in functions:
        setattr(CloudFrontResponse, f.__name__, f)


def cache_behaviours(backend):
    """Every cache behaviour (default first) of every distribution of ``backend``."""
    for dist in backend.distributions.values():
        config = dist.distribution_config
        default = getattr(config, "DefaultCacheBehavior", None)
        if default is not None:
            yield default
        for behaviour in (getattr(config, "CacheBehaviors", None) or {}).get("Items") or []:
            yield behaviour


def page(response, items, key):
    """One page of ``items`` as the list operations answer it: from the item whose ``key(item)`` is
    the request's Marker (the NextMarker of the page before), at most MaxItems (default 100)."""
    marker = response._get_param("Marker") or ""
    try:
        max_items = int(response._get_param("MaxItems") or 100)
    except ValueError:
        raise error("InvalidArgument", "MaxItems must be a number.")
    if max_items < 0:
        raise error("InvalidArgument", "MaxItems must not be negative.")
    start = 0
    if marker:
        keys = [key(i) for i in items]
        start = keys.index(marker) if marker in keys else len(items)
    chunk = items[start:start + max_items]
    rest = items[start + max_items:]
    return {
        "marker": marker,
        "max_items": max_items,
        "items": chunk,
        "next_marker": key(rest[0]) if rest else None,
    }
