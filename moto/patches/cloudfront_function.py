"""CloudFront Functions: create, describe, get, update, publish, delete, list, with ETags.

AWS (API version 2020-05-31):
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DescribeFunction.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetFunction.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateFunction.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_PublishFunction.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteFunction.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListFunctions.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_FunctionMetadata.html
-- CreateFunction (Name, FunctionConfig {Comment, Runtime cloudfront-js-1.0|cloudfront-js-2.0},
FunctionCode) makes the function in the DEVELOPMENT stage with an ETag (a name already used:
FunctionAlreadyExists, 409); DescribeFunction and GetFunction (the code, as bytes) read a stage
(Stage, default DEVELOPMENT), each stage with its own ETag; UpdateFunction changes DEVELOPMENT
(If-Match: its ETag) and issues a new ETag; PublishFunction (If-Match: the DEVELOPMENT ETag) copies
DEVELOPMENT to LIVE; DeleteFunction (If-Match) refuses a function a cache behaviour's
FunctionAssociations still names (FunctionInUse, 409); ListFunctions lists both stages, or one
(Stage). An unknown name, or a stage never published, is NoSuchFunctionExists (404); a missing
If-Match is InvalidIfMatchVersion, a stale one PreconditionFailed (412). The FunctionARN is
``arn:aws:cloudfront::ACCOUNT:function/NAME`` for both stages. Status is UNPUBLISHED until
published, then UNASSOCIATED (DEPLOYED while a distribution names the function).

moto 5.2.1 has no route for ``/2020-05-31/function...``: every call is a 404. (It also drops a
cache behaviour's FunctionAssociations: see ``cloudfront_distribution_function_associations``;
the associations are recorded here too, so FunctionInUse holds without that patch.)

Note that botocore's (and the AWS SDKs') model names UpdateFunction's ETag header ``ETtag``; the
answer carries both ``ETtag`` and ``ETag``.
"""

import copy
import re

from moto.cloudfront.models import DefaultCacheBehaviour
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow

from . import _cloudfront as cf

_STORE = "siteform_functions"
_RUNTIMES = ("cloudfront-js-1.0", "cloudfront-js-2.0")
_NAME = re.compile(r"^[a-zA-Z0-9\-_]{1,64}$")
_MAX_CODE = 10 * 1024
# Not a member of any CloudFront shape, so the serializer never reads it.
_ARNS = "siteform_function_association_arns"


def _functions(response):
    return cf.store(response, _STORE)


def _arn(response, name):
    return f"arn:aws:cloudfront::{response.current_account}:function/{name}"


def _get(response, name, stage=None):
    function = _functions(response).get(name)
    stage = stage or "DEVELOPMENT"
    if stage not in ("DEVELOPMENT", "LIVE"):
        raise cf.error("InvalidArgument", "Stage must be DEVELOPMENT or LIVE.")
    if function is None or stage not in function["stages"]:
        raise cf.error("NoSuchFunctionExists", "The function does not exist.")
    return function, function["stages"][stage]


def _in_use(backend, arn):
    return any(arn in getattr(b, _ARNS, ()) for b in cf.cache_behaviours(backend))


def _summary(response, function, stage):
    version = function["stages"][stage]
    status = version["status"]
    if stage == "LIVE" and _in_use(response.backend, function["arn"]):
        status = "DEPLOYED"
    return {
        "Name": function["name"],
        "Status": status,
        "FunctionConfig": copy.deepcopy(version["config"]),
        "FunctionMetadata": {
            "FunctionARN": function["arn"],
            "Stage": stage,
            "CreatedTime": function["created"],
            "LastModifiedTime": version["modified"],
        },
    }


def _config_and_code(response):
    config = copy.deepcopy(response._get_param("FunctionConfig", {}) or {})
    config.setdefault("Comment", "")
    if config.get("Runtime") not in _RUNTIMES:
        raise cf.error("InvalidArgument", f"Runtime must be one of {', '.join(_RUNTIMES)}.")
    code = response._get_param("FunctionCode") or b""
    if isinstance(code, str):
        code = code.encode()
    if not code:
        raise cf.error("InvalidArgument", "FunctionCode is required.")
    if len(code) > _MAX_CODE:
        raise cf.error("FunctionSizeLimitExceeded", "The function is larger than 10 KB.")
    return config, code


def create_function(self):
    name = self._get_param("Name") or ""
    if not _NAME.match(name):
        raise cf.error("InvalidArgument", "Name must be 1 to 64 letters, digits, hyphens and underscores.")
    config, code = _config_and_code(self)
    functions = _functions(self)
    if name in functions:
        raise cf.error("FunctionAlreadyExists", "A function with the same name already exists in this account.")
    now = utcnow()
    function = {
        "name": name,
        "arn": _arn(self, name),
        "created": now,
        "stages": {"DEVELOPMENT": {"config": config, "code": code, "etag": cf.new_etag(),
                                   "modified": now, "status": "UNPUBLISHED"}},
    }
    functions[name] = function
    return ActionResult({
        "FunctionSummary": _summary(self, function, "DEVELOPMENT"),
        "Location": f"https://cloudfront.amazonaws.com/2020-05-31/function/{function['arn']}",
        "ETag": function["stages"]["DEVELOPMENT"]["etag"],
    })


def describe_function(self):
    stage = self._get_param("Stage") or "DEVELOPMENT"
    function, version = _get(self, self._get_param("Name"), stage)
    return ActionResult({"FunctionSummary": _summary(self, function, stage), "ETag": version["etag"]})


def get_function(self):
    _, version = _get(self, self._get_param("Name"), self._get_param("Stage"))
    # moto's serializer labels every body application/xml; its response headers are applied last.
    self.response_headers["Content-Type"] = "application/octet-stream"
    return ActionResult({"FunctionCode": version["code"], "ETag": version["etag"],
                         "ContentType": "application/octet-stream"})


def update_function(self):
    function, version = _get(self, self._get_param("Name"))
    cf.check_if_match(self, version["etag"])
    config, code = _config_and_code(self)
    version.update(config=config, code=code, etag=cf.new_etag(), modified=utcnow(), status="UNPUBLISHED")
    self.response_headers["ETag"] = version["etag"]
    return ActionResult({"FunctionSummary": _summary(self, function, "DEVELOPMENT"), "ETag": version["etag"]})


def publish_function(self):
    function, version = _get(self, self._get_param("Name"))
    cf.check_if_match(self, version["etag"])
    version["status"] = "UNASSOCIATED"
    function["stages"]["LIVE"] = dict(version, config=copy.deepcopy(version["config"]),
                                      etag=cf.new_etag(), modified=utcnow())
    return ActionResult({"FunctionSummary": _summary(self, function, "LIVE")})


def delete_function(self):
    function, version = _get(self, self._get_param("Name"))
    cf.check_if_match(self, version["etag"])
    if _in_use(self.backend, function["arn"]):
        raise cf.error("FunctionInUse", "Cannot delete a function that's associated with a cache behavior. "
                                        "First, update your distributions to remove the function "
                                        "association from all cache behaviors, then delete the function.")
    del _functions(self)[function["name"]]
    return EmptyResult()


def list_functions(self):
    stage = self._get_param("Stage")
    if stage not in (None, "", "DEVELOPMENT", "LIVE"):
        raise cf.error("InvalidArgument", "Stage must be DEVELOPMENT or LIVE.")
    entries = [(f, s) for f in _functions(self).values() for s in ("DEVELOPMENT", "LIVE")
               if s in f["stages"] and stage in (None, "", s)]
    page = cf.page(self, entries, lambda e: f"{e[0]['name']}:{e[1]}")
    listing = {"MaxItems": page["max_items"], "Quantity": len(page["items"]),
               "Items": [_summary(self, f, s) for f, s in page["items"]]}
    if page["next_marker"]:
        listing["NextMarker"] = page["next_marker"]
    return ActionResult({"FunctionList": listing})


def apply():
    cf.route("/function$",
             "/function/(?P<function_name>[^/]+)$",
             "/function/(?P<function_name>[^/]+)/describe$",
             "/function/(?P<function_name>[^/]+)/publish$")
    cf.operations(create_function, describe_function, get_function, update_function,
                  publish_function, delete_function, list_functions)

    init = DefaultCacheBehaviour.__init__

    def __init__(self, config):
        init(self, config)
        associations = (config.get("FunctionAssociations") or {}).get("Items") or []
        setattr(self, _ARNS, tuple(a.get("FunctionARN") for a in associations))

    DefaultCacheBehaviour.__init__ = __init__
