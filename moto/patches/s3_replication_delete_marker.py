"""GetBucketReplication returns each rule's DeleteMarkerReplication as it was put.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteMarkerReplication.html and
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketReplication.html -- the rule's
``DeleteMarkerReplication.Status`` (Enabled|Disabled) is part of the stored configuration and is
returned as stored.

moto 5.2.1 (``s3/responses.py`` S3Response.get_bucket_replication) stores it but always answers
``{"Status": "Disabled"}``, so a spec with ``delete_markers: true`` would show drift on every plan.
"""

from moto.s3.responses import S3Response

from ._support import rewrite_result, stored_rules


def _rewrite(response, result):
    stored = stored_rules(response)
    for rule in result.get("ReplicationConfiguration", {}).get("Rules", []):
        original = stored.get(rule.get("ID"), {})
        dmr = original.get("DeleteMarkerReplication")
        if isinstance(dmr, dict) and dmr.get("Status"):
            rule["DeleteMarkerReplication"] = {"Status": dmr["Status"]}
        else:
            rule.pop("DeleteMarkerReplication", None)


def apply():
    rewrite_result(S3Response, "get_bucket_replication", _rewrite)
