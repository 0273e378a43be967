"""Shared plumbing for patches that correct what a moto response method returns."""

import functools

_MISSING = object()


def rewrite_result(cls, method_name, rewrite):
    """Wrap ``cls.method_name`` so that the dict it hands to ``self.serialized`` first passes
    through ``rewrite(self, result)``. Wrappers compose: several patches may rewrite the same
    response, each seeing the result of the one applied before it."""
    original = getattr(cls, method_name)

    @functools.wraps(original)
    def wrapper(self, *args, **kwargs):
        previous = self.__dict__.get("serialized", _MISSING)
        inner = self.serialized

        def serialized(action_result):
            result = action_result.result
            if isinstance(result, dict):
                rewrite(self, result)
            return inner(action_result)

        self.serialized = serialized
        try:
            return original(self, *args, **kwargs)
        finally:
            if previous is _MISSING:
                del self.serialized
            else:
                self.serialized = previous

    setattr(cls, method_name, wrapper)


def stored_rules(response):
    """The replication rules moto stored for the bucket of ``response``, by ID."""
    replication = response.backend.get_bucket_replication(response.bucket_name) or {}
    rules = replication.get("Rule") or []
    if isinstance(rules, dict):
        rules = [rules]
    return {rule.get("ID"): rule for rule in rules}


def rewrite_json(cls, method_name, rewrite):
    """Wrap ``cls.method_name``, a response method answering a JSON string (or ``(body,
    headers)``), so that a successful answer's decoded dict first passes through
    ``rewrite(self, result)``. Error answers go through untouched."""
    import json

    original = getattr(cls, method_name)

    @functools.wraps(original)
    def wrapper(self, *args, **kwargs):
        response = original(self, *args, **kwargs)
        body, rest = (response, None) if isinstance(response, str) else (response[0], response[1:])
        if rest and int((rest[0] or {}).get("status", 200)) >= 300:
            return response
        result = json.loads(body)
        rewrite(self, result)
        body = json.dumps(result)
        return body if rest is None else (body,) + tuple(rest)

    setattr(cls, method_name, wrapper)


def before(cls, method_name, check):
    """Wrap ``cls.method_name`` so that ``check(self)`` runs first; it may raise the AWS error
    the call is to answer instead (moto serialises a ServiceException raised by a response
    method)."""
    original = getattr(cls, method_name)

    @functools.wraps(original)
    def wrapper(self, *args, **kwargs):
        check(self)
        return original(self, *args, **kwargs)

    setattr(cls, method_name, wrapper)


def after(cls, method_name, then):
    """Wrap ``cls.method_name`` so that ``then(self, args, kwargs, returned)`` runs once it has
    returned (not when it raised); what it returns is passed on unchanged."""
    original = getattr(cls, method_name)

    @functools.wraps(original)
    def wrapper(self, *args, **kwargs):
        returned = original(self, *args, **kwargs)
        then(self, args, kwargs, returned)
        return returned

    setattr(cls, method_name, wrapper)
