"""Arming for the patches that model AWS's untidy behaviours (eventual consistency, throttling).

Always on, these would break test set-up code that calls the raw SDK once and expects an answer,
so each such patch registers its name here in ``apply()`` and acts only while armed: by the
launcher's ``--untidy NAME`` (or ``all``) at start, or on the running server through the control
route this module installs on moto's WSGI dispatcher::

    GET  /moto-api/siteform/untidy          -> {"armed": [...], "known": [...], "launcher": [...],
                                                "route53_rate": 5.0}
    POST /moto-api/siteform/untidy          {"arm": ["s3_bucket_propagation", ...]} | {"arm": "all"}
                                            | {"arm": []}, optionally "route53_rate": N and
                                            "replication_seconds": S
    POST /moto-api/siteform/untidy/restore  arming, rate and replication delay as the launcher started

Each behaviour is count-based, never time-based (throttling aside): the call that creates or
deletes a resource while the behaviour is armed *marks* it, and the first matching later call
*takes* the mark and answers AWS's error once; the retry succeeds. So a correct retry passes at
once and no test depends on the machine's speed. ``POST /moto-api/reset`` clears every mark (and
any state a patch registered with ``on_reset``) but keeps what is armed; the control route's
restore puts arming back.
"""

import json
import threading

CONTROL_PATH = "/moto-api/siteform/untidy"
DEFAULT_ROUTE53_RATE = 5.0
# How long after a write S3 replication copies it (s3_replication_copy): a re-publish's few small
# objects land within a second or so on AWS, but cross-region replication has no time bound
# without Replication Time Control, and seconds are common.
DEFAULT_REPLICATION_SECONDS = 0.3

_lock = threading.RLock()
_known = set()
_armed = set()
_launcher = frozenset()
_marks = {}
_reset_hooks = []
_settings = {"route53_rate": DEFAULT_ROUTE53_RATE, "replication_seconds": DEFAULT_REPLICATION_SECONDS}
# What the launcher started with (the rate's default, --replication-seconds): restore puts it back.
_launcher_settings = dict(_settings)


def behaviour(module_name):
    """Registers the armable behaviour of the patch module ``module_name`` (its ``__name__``) and
    returns its short name, for the patch's calls below."""
    name = module_name.rsplit(".", 1)[-1]
    with _lock:
        _known.add(name)
    return name


def on_reset(hook):
    """Calls ``hook()`` whenever moto is reset: a patch's own per-resource state goes with it."""
    _reset_hooks.append(hook)


def known():
    with _lock:
        return sorted(_known)


def armed(name=None):
    """Whether ``name`` is armed; without a name, the sorted list of those armed."""
    with _lock:
        return name in _armed if name is not None else sorted(_armed)


def route53_rate():
    with _lock:
        return _settings["route53_rate"]


def arm(names):
    """Arms exactly ``names`` (a list, or ``"all"``); raises ValueError naming any not known."""
    wanted = _wanted(names)
    with _lock:
        _armed.clear()
        _armed.update(wanted)


def _wanted(names):
    with _lock:
        if names == "all":
            return set(_known)
        if not isinstance(names, (list, tuple, set, frozenset)) or not all(isinstance(n, str) for n in names):
            raise ValueError('"arm" must be a list of names or "all"')
        unknown = sorted(set(names) - _known)
        if unknown:
            raise ValueError(f"not an untidy behaviour of this launcher: {', '.join(unknown)}; "
                             f"known: {', '.join(sorted(_known)) or 'none'}")
        return set(names)


def replication_seconds():
    with _lock:
        return _settings["replication_seconds"]


def set_replication_seconds(seconds):
    _check_replication_seconds(seconds)
    with _lock:
        _settings["replication_seconds"] = float(seconds)


def _check_replication_seconds(seconds):
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds <= 3600:
        raise ValueError('"replication_seconds" must be a number of seconds from 0 to 3600')


def set_route53_rate(rate):
    _check_rate(rate)
    with _lock:
        _settings["route53_rate"] = float(rate)


def _check_rate(rate):
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or rate <= 0:
        raise ValueError('"route53_rate" must be a positive number of requests a second')


def start_with(names, replication_seconds_=DEFAULT_REPLICATION_SECONDS):
    """The launcher's ``--untidy`` names and ``--replication-seconds``: in force now and whenever
    the control route restores."""
    global _launcher
    arm(names)
    set_replication_seconds(replication_seconds_)
    with _lock:
        _launcher = frozenset(_armed)
        _launcher_settings["replication_seconds"] = _settings["replication_seconds"]


def restore():
    with _lock:
        _armed.clear()
        _armed.update(_launcher)
    set_route53_rate(_launcher_settings["route53_rate"])
    set_replication_seconds(_launcher_settings["replication_seconds"])


def mark(name, key, times=1):
    """While ``name`` is armed, ``key`` (a resource) will answer the behaviour's error ``times``
    times (see ``take``). Disarmed, nothing is marked."""
    with _lock:
        if name in _armed:
            _marks[(name, key)] = times


def take(name, key):
    """True (once per mark) if ``name`` is armed and ``key`` is marked: answer the error now."""
    with _lock:
        if name not in _armed:
            return False
        left = _marks.get((name, key), 0)
        if left <= 0:
            return False
        if left == 1:
            del _marks[(name, key)]
        else:
            _marks[(name, key)] = left - 1
        return True


def first(name, key):
    """True if ``name`` is armed and this is the first time it sees ``key`` since the last reset."""
    with _lock:
        if name not in _armed or (name, "seen", key) in _marks:
            return False
        _marks[(name, "seen", key)] = 1
        return True


def reset():
    with _lock:
        _marks.clear()
    for hook in list(_reset_hooks):
        hook()


def install():
    """Serves the control route and clears the marks on moto's reset; the launcher calls it once,
    after the patches are applied."""
    from moto.moto_api._internal.models import MotoAPIBackend
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    moto_reset = MotoAPIBackend.reset

    def reset_with_marks(self):
        moto_reset(self)
        reset()

    MotoAPIBackend.reset = reset_with_marks

    dispatch = DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.rstrip("/") in (CONTROL_PATH, CONTROL_PATH + "/restore"):
            return _control(environ, start_response)
        return dispatch(self, environ, start_response)

    DomainDispatcherApplication.__call__ = call


def _state():
    with _lock:
        return {"armed": sorted(_armed), "known": sorted(_known), "launcher": sorted(_launcher),
                "route53_rate": _settings["route53_rate"], "replication_seconds": _settings["replication_seconds"]}


def _control(environ, start_response):
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "").rstrip("/")
    status, body = "200 OK", None
    try:
        if method == "GET" and path == CONTROL_PATH:
            pass
        elif method == "POST" and path == CONTROL_PATH + "/restore":
            restore()
        elif method == "POST" and path == CONTROL_PATH:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length else b""
            request = json.loads(raw or b"{}")
            if not isinstance(request, dict) or not request.keys() <= {"arm", "route53_rate", "replication_seconds"}:
                raise ValueError('expected {"arm": [...] | "all", "route53_rate": N, "replication_seconds": S}')
            # All or nothing: check each before changing any.
            wanted = _wanted(request["arm"]) if "arm" in request else None
            if "route53_rate" in request:
                _check_rate(request["route53_rate"])
            if "replication_seconds" in request:
                _check_replication_seconds(request["replication_seconds"])
            if "route53_rate" in request:
                set_route53_rate(request["route53_rate"])
            if "replication_seconds" in request:
                set_replication_seconds(request["replication_seconds"])
            if wanted is not None:
                arm(list(wanted))
        else:
            status, body = "405 Method Not Allowed", {"error": f"{method} {path}: use GET or POST"}
    except (ValueError, UnicodeDecodeError) as e:
        status, body = "400 Bad Request", {"error": str(e)}
    payload = json.dumps(body if body is not None else _state()).encode("utf-8")
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]
