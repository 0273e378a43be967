"""A conditional PutObject that S3 carried out may lose its answer; its retry then gets 412.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html -- a PutObject
with ``If-None-Match: *`` (create only) or ``If-Match: ETAG`` (replace only that version) answers
412 PreconditionFailed when the condition does not hold, and "if you receive a 5xx error or the
connection drops, the write may or may not have been applied": an SDK retrying that write after a
lost answer gets 412 although its first attempt landed. A conditional write racing another answers
409 ConditionalRequestConflict, which "you should retry"
(https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).

moto 5.2.1 checks both conditions on PutObject (412 PreconditionFailed) and always answers.

Armed only (``_untidy``), two behaviours, each once per bucket, key and condition (``If-None-Match``
or ``If-Match``) since the last reset:

- ``s3_conditional_write_lost_answer``: the first such PutObject that moto stores answers 500
  InternalError instead of its 200; the object stays written, so the SDK's own retry of the same
  request gets moto's 412 PreconditionFailed;
- ``s3_conditional_write_lost_answer_conflict``: the first such PutObject answers 409
  ConditionalRequestConflict without storing anything; the retry is answered by moto.
"""

import functools

from moto.s3.responses import S3Response

from . import _s3, _untidy

NAME = _untidy.behaviour(__name__)
CONFLICT = _untidy.behaviour(__name__ + "_conflict")
INTERNAL = "We encountered an internal error. Please try again."
CONFLICTING = ("A conflicting conditional operation is currently in progress against this resource. "
               "Please try again.")


def _condition(headers):
    if headers.get("If-None-Match"):
        return "If-None-Match"
    if headers.get("If-Match"):
        return "If-Match"
    return None


def apply():
    original = S3Response.put_object

    @functools.wraps(original)
    def put_object(self):
        condition = _condition(self.headers)
        if condition is None:
            return original(self)
        key = (self.bucket_name, self.parse_key_name(), condition)
        if _untidy.first(CONFLICT, key):
            return _s3.error(409, "ConditionalRequestConflict", CONFLICTING, self.bucket_name)
        answer = original(self)  # a 412 raises: nothing stored, nothing lost
        status = answer[0] if isinstance(answer, tuple) else 200
        if int(status) < 300 and _untidy.first(NAME, key):
            return _s3.error(500, "InternalError", INTERNAL, self.bucket_name)
        return answer

    S3Response.put_object = put_object
