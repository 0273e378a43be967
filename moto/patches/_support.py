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
