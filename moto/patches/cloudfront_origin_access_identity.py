"""CloudFront's legacy Origin Access Identity API.

AWS (API version 2020-05-31):
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateCloudFrontOriginAccessIdentity.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetCloudFrontOriginAccessIdentity.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetCloudFrontOriginAccessIdentityConfig.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateCloudFrontOriginAccessIdentity.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteCloudFrontOriginAccessIdentity.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListCloudFrontOriginAccessIdentities.html
-- a reused CallerReference with the same config returns the existing identity and with a
different one fails with CloudFrontOriginAccessIdentityAlreadyExists; Update and Delete take the
ETag in If-Match (missing: InvalidIfMatchVersion, stale: PreconditionFailed) and Update issues a
new ETag; the CallerReference cannot change (IllegalUpdate); an identity still named by a
distribution's S3 origin cannot be deleted (CloudFrontOriginAccessIdentityInUse).

moto 5.2.1 has no route for ``/2020-05-31/origin-access-identity/...``: every call is a 404.
This patch routes those paths to moto's CloudFront dispatcher (which names the operation from
botocore's model) and keeps identities in the account's CloudFront backend, so a moto reset
wipes them.
"""

import secrets
import string

from moto.cloudfront import urls
from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult

_BASE = "{0}/2020-05-31/origin-access-identity/cloudfront"
_PATHS = {
    _BASE + "$": CloudFrontResponse.dispatch,
    _BASE + "/(?P<oai_id>[^/]+)$": CloudFrontResponse.dispatch,
    _BASE + "/(?P<oai_id>[^/]+)/config$": CloudFrontResponse.dispatch,
}


def _error(code, message):
    return CloudFrontException(code, message)


def _new_id():
    return "E" + "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(13))


def _new_etag():
    return "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(14))


def _store(response):
    # Held on the backend object so that POST /moto-api/reset (which re-runs __init__) wipes it.
    return response.backend.__dict__.setdefault("siteform_origin_access_identities", {})


def _get(response, oai_id):
    oai = _store(response).get(oai_id)
    if oai is None:
        raise _error("NoSuchCloudFrontOriginAccessIdentity",
                     "The specified origin access identity does not exist.")
    return oai


def _check_if_match(response, oai):
    if_match = response._get_param("IfMatch")
    if not if_match:
        raise _error("InvalidIfMatchVersion",
                     "The If-Match version is missing or not valid for the resource.")
    if if_match != oai["ETag"]:
        raise _error("PreconditionFailed",
                     "The precondition given in one or more of the request-header fields evaluated to false.")


def _identity(oai):
    return {
        "Id": oai["Id"],
        "S3CanonicalUserId": oai["S3CanonicalUserId"],
        "CloudFrontOriginAccessIdentityConfig": dict(oai["Config"]),
    }


def _in_use(response, oai_id):
    suffix = "/" + oai_id
    for dist in response.backend.distributions.values():
        origins = getattr(dist.distribution_config, "Origins", {}) or {}
        for origin in origins.get("Items") or []:
            ident = getattr(origin, "s3_access_identity", None)
            if ident is None and isinstance(origin, dict):
                ident = (origin.get("S3OriginConfig") or {}).get("OriginAccessIdentity")
            if ident and ident.endswith(suffix):
                return True
    return False


def create_cloud_front_origin_access_identity(self):
    config = self._get_param("CloudFrontOriginAccessIdentityConfig", {}) or {}
    caller_reference = config.get("CallerReference")
    comment = config.get("Comment", "") or ""
    if not caller_reference:
        raise _error("InvalidArgument", "CallerReference is required.")
    store = _store(self)
    for oai in store.values():
        if oai["Config"]["CallerReference"] == caller_reference:
            if oai["Config"]["Comment"] != comment:
                raise _error("CloudFrontOriginAccessIdentityAlreadyExists",
                             "If the CallerReference is a value you already sent in a previous request to "
                             "create an identity but the content of the CloudFrontOriginAccessIdentityConfig "
                             "is different from the original request, CloudFront returns a "
                             "CloudFrontOriginAccessIdentityAlreadyExists error.")
            break
    else:
        oai = {
            "Id": _new_id(),
            "S3CanonicalUserId": secrets.token_hex(48),
            "Config": {"CallerReference": caller_reference, "Comment": comment},
            "ETag": _new_etag(),
        }
        store[oai["Id"]] = oai
    return ActionResult({
        "CloudFrontOriginAccessIdentity": _identity(oai),
        "Location": f"https://cloudfront.amazonaws.com/2020-05-31/origin-access-identity/cloudfront/{oai['Id']}",
        "ETag": oai["ETag"],
    })


def get_cloud_front_origin_access_identity(self):
    oai = _get(self, self._get_param("Id"))
    return ActionResult({"CloudFrontOriginAccessIdentity": _identity(oai), "ETag": oai["ETag"]})


def get_cloud_front_origin_access_identity_config(self):
    oai = _get(self, self._get_param("Id"))
    return ActionResult({"CloudFrontOriginAccessIdentityConfig": dict(oai["Config"]), "ETag": oai["ETag"]})


def update_cloud_front_origin_access_identity(self):
    oai = _get(self, self._get_param("Id"))
    _check_if_match(self, oai)
    config = self._get_param("CloudFrontOriginAccessIdentityConfig", {}) or {}
    if config.get("CallerReference") != oai["Config"]["CallerReference"]:
        raise _error("IllegalUpdate", "The CallerReference of an origin access identity cannot be changed.")
    oai["Config"]["Comment"] = config.get("Comment", "") or ""
    oai["ETag"] = _new_etag()
    return ActionResult({"CloudFrontOriginAccessIdentity": _identity(oai), "ETag": oai["ETag"]})


def delete_cloud_front_origin_access_identity(self):
    oai_id = self._get_param("Id")
    oai = _get(self, oai_id)
    _check_if_match(self, oai)
    if _in_use(self, oai_id):
        raise _error("CloudFrontOriginAccessIdentityInUse", "The Origin Access Identity specified is already in use.")
    del _store(self)[oai_id]
    return EmptyResult()


def list_cloud_front_origin_access_identities(self):
    items = [
        {"Id": o["Id"], "S3CanonicalUserId": o["S3CanonicalUserId"], "Comment": o["Config"]["Comment"]}
        for o in _store(self).values()
    ]
    return ActionResult({
        "CloudFrontOriginAccessIdentityList": {
            "Marker": "",
            "MaxItems": 100,
            "IsTruncated": False,
            "Quantity": len(items),
            "Items": items,
        }
    })


_OPERATIONS = [
    create_cloud_front_origin_access_identity,
    get_cloud_front_origin_access_identity,
    get_cloud_front_origin_access_identity_config,
    update_cloud_front_origin_access_identity,
    delete_cloud_front_origin_access_identity,
    list_cloud_front_origin_access_identities,
]


def apply():
    urls.url_paths.update(_PATHS)
    # moto calls the method named after botocore's operation (CreateCloudFrontOriginAccessIdentity
    # -> create_cloud_front_origin_access_identity)
    for op in _OPERATIONS:
        setattr(CloudFrontResponse, op.__name__, op)
