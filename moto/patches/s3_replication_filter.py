"""GetBucketReplication returns each rule's Filter (or legacy Prefix) as it was put.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRule.html and
https://docs.aws.amazon.com/AmazonS3/latest/API/API_ReplicationRuleFilter.html -- a rule carries
either a ``Filter`` (Prefix, Tag, or And{Prefix, Tags}) or the deprecated top-level ``Prefix``,
and GetBucketReplication returns the one that was put.

moto 5.2.1 (``s3/responses.py`` S3Response.get_bucket_replication) stores the rule but always
answers ``Filter {Prefix: ""}``: a prefix of ``assets/`` reads back as "everything".
"""

from moto.s3.responses import S3Response

from ._support import rewrite_result, stored_rules


def _text(value):
    return "" if value is None else str(value)


def _tags(value):
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [{"Key": _text(t.get("Key")), "Value": _text(t.get("Value"))} for t in items]


def _filter(stored):
    out = {}
    if "Prefix" in stored:
        out["Prefix"] = _text(stored["Prefix"])
    if stored.get("Tag") is not None:
        out["Tag"] = _tags(stored["Tag"])[0]
    if "And" in stored:
        conj = stored["And"] or {}
        out["And"] = {}
        if "Prefix" in conj:
            out["And"]["Prefix"] = _text(conj["Prefix"])
        if conj.get("Tag") is not None:
            out["And"]["Tags"] = _tags(conj["Tag"])
    return out


def _rewrite(response, result):
    stored = stored_rules(response)
    for rule in result.get("ReplicationConfiguration", {}).get("Rules", []):
        original = stored.get(rule.get("ID"), {})
        if "Filter" in original:
            rule["Filter"] = _filter(original["Filter"] or {})
        elif "Prefix" in original:
            rule.pop("Filter", None)
            rule["Prefix"] = _text(original["Prefix"])


def apply():
    rewrite_result(S3Response, "get_bucket_replication", _rewrite)
