"""S3 copies each object written after replication was configured to the rule's destination.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html -- an object written
to a bucket whose replication configuration has an enabled rule matching it (by prefix and tags)
is copied asynchronously to the rule's destination bucket with its data, metadata (Content-Type,
Cache-Control, user metadata), tags, version ID and ETag; objects that were in the bucket before
the configuration existed are not replicated. HeadObject and GetObject report it in
``x-amz-replication-status``
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-status.html): PENDING, then
COMPLETED or FAILED on the source object, REPLICA on the copy, and no header on an object no rule
covers.

moto 5.2.1 (``s3/models.py`` S3Backend.put_object) stores the configuration but never copies an
object and sends no ``x-amz-replication-status``.

Here every write (PutObject, CopyObject, CompleteMultipartUpload) that an enabled rule's prefix
covers is marked PENDING and copied ~0.3 s after its request has been answered (so the metadata
and tags the request sets afterwards are copied too); a missing or unversioned destination makes
it FAILED. The delay is the launcher's ``--replication-seconds`` (or the control route's
``replication_seconds``, see ``_untidy.py``): replication has no time bound without Replication
Time Control (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html
"replicates most objects within seconds"), and a wait paced for 0.3 s must also be right at 5.

Cheap for the server, as on AWS, where replication never takes capacity from the requests: the
copies run on one thread, in batches (copies due within the same 50 ms run together, so a copy
waits 0.30-0.35 s by default), which sleeps until the next batch is due and is woken only by a copy due
sooner than that. A thread woken for every write (a PUT woke it to schedule, the copy woke it
again) made moto switch threads and pass the GIL twice more per PUT, which cost the request
handlers more than the copies themselves (~30 us each).
"""

import heapq
import math
import sys
import threading
import time

from moto.s3.models import FakeKey, S3Backend
from moto.s3.responses import S3Response

from . import _untidy
# Copies due within one tick run as one batch, at its end.
TICK_SECONDS = 0.05

_request = threading.local()


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _filter(rule):
    """(prefix, {tag: value}) of a rule: its Filter (Prefix, Tag or And) or legacy Prefix."""
    if "Filter" in rule:
        f = rule.get("Filter") or {}
        conj = f.get("And") or {}
        prefix = f.get("Prefix") or conj.get("Prefix") or ""
        tags = _as_list(f.get("Tag")) + _as_list(conj.get("Tag"))
    else:
        prefix, tags = rule.get("Prefix") or "", []
    return prefix, {t.get("Key"): t.get("Value") or "" for t in tags}


def _enabled_rules(bucket, key_name):
    config = getattr(bucket, "replication", None) or {}
    return [
        r for r in _as_list(config.get("Rule"))
        if r.get("Status") == "Enabled" and key_name.startswith(_filter(r)[0])
    ]


def _destinations(rules, tags):
    """Destination bucket names of the rules whose tag filter the object's tags satisfy."""
    out = []
    for rule in rules:
        wanted = _filter(rule)[1]
        if all(tags.get(k) == v for k, v in wanted.items()):
            name = ((rule.get("Destination") or {}).get("Bucket") or "").split(":::")[-1]
            if name and name not in out:
                out.append(name)
    return out


def _replicate(put, backend, key, rules):
    try:
        tags = backend.tagger.get_tag_dict_for_resource(key.arn)
        destinations = _destinations(rules, tags)
        if not destinations:
            key.replication_status = None
            return
        failed = False
        value = key.value  # read once, whatever the number of destinations
        for name in destinations:
            try:
                dest = backend.get_bucket(name)
            except Exception:  # noqa: BLE001 - a missing destination fails replication, as on S3
                failed = True
                continue
            if not dest.is_versioned:
                failed = True
                continue
            replica = put(backend, name, key.name, value, storage=key.storage_class,
                          etag=key.etag.strip('"'), disable_notification=True)
            replica._version_id = key.version_id
            replica.set_metadata(dict(key.metadata))
            replica.replication_status = "REPLICA"
            if tags:
                backend.tagger.tag_resource(replica.arn, [{"Key": k, "Value": v} for k, v in tags.items()])
        key.replication_status = "FAILED" if failed else "COMPLETED"
    except Exception as e:  # noqa: BLE001 - a background thread: report, never kill the server
        key.replication_status = "FAILED"
        print(f"s3_replication_copy: replicating {key.name}: {e!r}", file=sys.stderr)


class _Copier:
    """One daemon thread that runs the copies when they are due, in batches: a thread per object
    (a Timer each) made the server start 2,000 threads for a 2,000-file publish, and a thread woken
    for each copy made it pass the GIL back and forth on every PUT."""

    def __init__(self):
        self._due = []  # heap of (when, sequence, args)
        self._seq = 0
        self._cv = threading.Condition()
        self._thread = None

    def add(self, when, args):
        when = math.ceil(when / TICK_SECONDS) * TICK_SECONDS
        with self._cv:
            # The copier sleeps until the earliest copy is due: only an earlier one needs it awake.
            wake = not self._due or when < self._due[0][0]
            heapq.heappush(self._due, (when, self._seq, args))
            self._seq += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="s3-replication", daemon=True)
                self._thread.start()
            if wake:
                self._cv.notify()

    def _run(self):
        while True:
            with self._cv:
                while not self._due or self._due[0][0] > time.monotonic():
                    self._cv.wait(None if not self._due else max(0.0, self._due[0][0] - time.monotonic()))
                now = time.monotonic()
                batch = []
                while self._due and self._due[0][0] <= now:
                    batch.append(heapq.heappop(self._due)[2])
            for args in batch:
                _replicate(*args)


_copier = _Copier()


def apply():
    put = S3Backend.put_object
    response_dict = FakeKey.response_dict
    key_response = S3Response.key_response

    def schedule(job):
        _copier.add(time.monotonic() + _untidy.replication_seconds(), (put,) + job)

    def put_object(self, bucket_name, key_name, value, *args, **kwargs):
        key = put(self, bucket_name, key_name, value, *args, **kwargs)
        # Rules are read at write time: a configuration added later does not reach this object.
        rules = _enabled_rules(self.get_bucket(bucket_name), key_name)
        if rules:
            key.replication_status = "PENDING"
            job = (self, key, rules)
            pending = getattr(_request, "jobs", None)
            if pending is None:
                schedule(job)
            else:
                pending.append(job)
        return key

    def key_response_then_replicate(self, *args, **kwargs):
        _request.jobs = []
        try:
            return key_response(self, *args, **kwargs)
        finally:
            jobs, _request.jobs = _request.jobs, None
            for job in jobs:
                schedule(job)

    def response_dict_with_status(self):
        headers = response_dict.fget(self)
        status = getattr(self, "replication_status", None)
        if status:
            headers["x-amz-replication-status"] = status
        return headers

    S3Backend.put_object = put_object
    S3Response.key_response = key_response_then_replicate
    FakeKey.response_dict = property(response_dict_with_status)
