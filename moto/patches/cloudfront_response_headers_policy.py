"""CloudFront's ResponseHeadersPolicy API.

AWS (API version 2020-05-31):
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateResponseHeadersPolicy.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetResponseHeadersPolicy.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GetResponseHeadersPolicyConfig.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateResponseHeadersPolicy.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteResponseHeadersPolicy.html
https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListResponseHeadersPolicies.html
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html
-- a policy's ResponseHeadersPolicyConfig (Name, Comment, CorsConfig, SecurityHeadersConfig,
CustomHeadersConfig, ...) is stored and returned as written, with an Id and an ETag; a name
already used in the account is ResponseHeadersPolicyAlreadyExists (409); Update and Delete take
the current ETag in If-Match (missing: InvalidIfMatchVersion, stale: PreconditionFailed 412) and
Update issues a new one; an unknown Id is NoSuchResponseHeadersPolicy (404); a policy a cache
behaviour still names (ResponseHeadersPolicyId) cannot be deleted (ResponseHeadersPolicyInUse,
409); ListResponseHeadersPolicies lists custom and AWS's managed policies, Type=managed|custom
filters them. Of the managed policies only Managed-SecurityHeadersPolicy
(67f7725c-6f97-4210-82d7-5512b31e9d03, the headers as the developer guide lists them) is modelled;
it cannot be updated (IllegalUpdate) or deleted (IllegalDelete).

moto 5.2.1 has no route for ``/2020-05-31/response-headers-policy...``: every call is a 404.
(It does keep a cache behaviour's ResponseHeadersPolicyId as written.)
"""

import copy
import uuid

from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow

from . import _cloudfront as cf

SECURITY_HEADERS_ID = "67f7725c-6f97-4210-82d7-5512b31e9d03"
_STORE = "siteform_response_headers_policies"
_LOCATION = "https://cloudfront.amazonaws.com/2020-05-31/response-headers-policy/"

_MANAGED = {
    SECURITY_HEADERS_ID: {
        "Id": SECURITY_HEADERS_ID,
        "ETag": "E23ZP02F085DFQ",
        "LastModifiedTime": None,  # set once, on first use
        "Config": {
            "Name": "Managed-SecurityHeadersPolicy",
            "Comment": "Adds a set of security headers to every response",
            "SecurityHeadersConfig": {
                "XSSProtection": {"Override": False, "Protection": True, "ModeBlock": True},
                "FrameOptions": {"Override": False, "FrameOption": "SAMEORIGIN"},
                "ReferrerPolicy": {"Override": False, "ReferrerPolicy": "strict-origin-when-cross-origin"},
                "ContentTypeOptions": {"Override": False},
                "StrictTransportSecurity": {"Override": False, "IncludeSubdomains": False,
                                            "Preload": False, "AccessControlMaxAgeSec": 31536000},
            },
        },
    },
}


def _custom(response):
    return cf.store(response, _STORE)


def _get(response, policy_id):
    policy = _MANAGED.get(policy_id) or _custom(response).get(policy_id)
    if policy is None:
        raise cf.error("NoSuchResponseHeadersPolicy", "The response headers policy does not exist.")
    if policy["LastModifiedTime"] is None:
        policy["LastModifiedTime"] = utcnow()
    return policy


def _policy(policy):
    return {
        "Id": policy["Id"],
        "LastModifiedTime": policy["LastModifiedTime"],
        "ResponseHeadersPolicyConfig": copy.deepcopy(policy["Config"]),
    }


def _config(response):
    config = response._get_param("ResponseHeadersPolicyConfig", {}) or {}
    if not config.get("Name"):
        raise cf.error("InvalidArgument", "The response headers policy needs a Name.")
    return copy.deepcopy(config)


def _check_name_free(response, name, policy_id=None):
    for other in list(_MANAGED.values()) + list(_custom(response).values()):
        if other["Config"]["Name"] == name and other["Id"] != policy_id:
            raise cf.error("ResponseHeadersPolicyAlreadyExists",
                           "A response headers policy with this name already exists. You must provide a "
                           "unique name. To modify an existing response headers policy, use "
                           "UpdateResponseHeadersPolicy.")


def _in_use(backend, policy_id):
    return any(getattr(b, "response_headers_policy_id", None) == policy_id
               for b in cf.cache_behaviours(backend))


def create_response_headers_policy(self):
    config = _config(self)
    _check_name_free(self, config["Name"])
    policy = {"Id": str(uuid.uuid4()), "ETag": cf.new_etag(), "LastModifiedTime": utcnow(), "Config": config}
    _custom(self)[policy["Id"]] = policy
    return ActionResult({"ResponseHeadersPolicy": _policy(policy), "Location": _LOCATION + policy["Id"],
                         "ETag": policy["ETag"]})


def get_response_headers_policy(self):
    policy = _get(self, self._get_param("Id"))
    return ActionResult({"ResponseHeadersPolicy": _policy(policy), "ETag": policy["ETag"]})


def get_response_headers_policy_config(self):
    policy = _get(self, self._get_param("Id"))
    return ActionResult({"ResponseHeadersPolicyConfig": copy.deepcopy(policy["Config"]), "ETag": policy["ETag"]})


def update_response_headers_policy(self):
    policy = _get(self, self._get_param("Id"))
    if policy["Id"] in _MANAGED:
        raise cf.error("IllegalUpdate", "A managed response headers policy cannot be updated.")
    cf.check_if_match(self, policy["ETag"])
    config = _config(self)
    _check_name_free(self, config["Name"], policy["Id"])
    policy.update(Config=config, ETag=cf.new_etag(), LastModifiedTime=utcnow())
    return ActionResult({"ResponseHeadersPolicy": _policy(policy), "ETag": policy["ETag"]})


def delete_response_headers_policy(self):
    policy = _get(self, self._get_param("Id"))
    if policy["Id"] in _MANAGED:
        raise cf.error("IllegalDelete", "A managed response headers policy cannot be deleted.")
    cf.check_if_match(self, policy["ETag"])
    if _in_use(self.backend, policy["Id"]):
        raise cf.error("ResponseHeadersPolicyInUse",
                       "Cannot delete the response headers policy because it is attached to one or more "
                       "cache behaviors.")
    del _custom(self)[policy["Id"]]
    return EmptyResult()


def list_response_headers_policies(self):
    kind = self._get_param("Type")
    if kind not in (None, "", "managed", "custom"):
        raise cf.error("InvalidArgument", "Type must be managed or custom.")
    summaries = []
    if kind in (None, "", "managed"):
        summaries += [("managed", _get(self, i)) for i in _MANAGED]
    if kind in (None, "", "custom"):
        summaries += [("custom", p) for p in _custom(self).values()]
    page = cf.page(self, summaries, lambda s: s[1]["Id"])
    listing = {"MaxItems": page["max_items"], "Quantity": len(page["items"]),
               "Items": [{"Type": t, "ResponseHeadersPolicy": _policy(p)} for t, p in page["items"]]}
    if page["next_marker"]:
        listing["NextMarker"] = page["next_marker"]
    return ActionResult({"ResponseHeadersPolicyList": listing})


def apply():
    cf.route("/response-headers-policy$",
             "/response-headers-policy/(?P<policy_id>[^/]+)$",
             "/response-headers-policy/(?P<policy_id>[^/]+)/config$")
    cf.operations(create_response_headers_policy, get_response_headers_policy,
                  get_response_headers_policy_config, update_response_headers_policy,
                  delete_response_headers_policy, list_response_headers_policies)
