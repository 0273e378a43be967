#!/usr/bin/env python3
"""Start moto's server on loopback with siteform's patches applied.

Usage: python3 moto/launcher.py --port PORT [--host 127.0.0.1] [--without NAME]... [--untidy NAME]... [--latency-ms MS]
                                [--replication-seconds S]
       python3 moto/launcher.py --list

Prints exactly one line, ``READY http://HOST:PORT``, on stdout once the server accepts
connections (port 0 picks a free one), then serves until SIGTERM, SIGINT or, when stdin is a pipe (a parent process), EOF on it.
Each patch in ``moto/patches/`` closes one gap between moto and the AWS API reference;
``--without NAME`` leaves one out, so a test can show the gap is real. Patches modelling AWS's
untidy behaviours (eventual consistency, throttling) act only while armed: ``--untidy NAME``
(repeatable, or ``all``) arms them from the start, ``/moto-api/siteform/untidy`` on the running
server changes that (see ``patches/_untidy.py``).
"""

import argparse
import importlib
import logging
import os
import pkgutil
import signal
import stat
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
INSTALL_HINT = "pip install 'moto[server]>=5.2,<5.3'"


def patch_names():
    """Every patch module under moto/patches, sorted (private helpers start with '_')."""
    return sorted(
        m.name
        for m in pkgutil.iter_modules([os.path.join(HERE, "patches")])
        if not m.name.startswith("_")
    )


def _stdin_is_pipe():
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def _add_latency(seconds):
    """Holds every request for ``seconds`` before moto handles it: the round trip from a CI runner
    to its AWS region (about 10-30 ms to S3 in-region), which loopback lacks. The handler thread
    sleeps without the GIL, so the server's own speed is unchanged and only time in flight grows:
    a client's concurrency shows as it does against AWS. A request sent with ``Expect:
    100-continue`` is held twice as long: its client sends the headers, waits a round trip for the
    ``100 Continue``, then sends the body and waits another for the answer. Not a behaviour of the
    AWS API, so not a patch: bench/ turns it on (``--latency-ms``)."""
    import time
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    dispatch = DomainDispatcherApplication.__call__

    def late(self, environ, start_response):
        asks = environ.get("HTTP_EXPECT", "").lower() == "100-continue"
        time.sleep(2 * seconds if asks else seconds)
        return dispatch(self, environ, start_response)

    DomainDispatcherApplication.__call__ = late


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, help="0 picks a free port (required unless --list)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--without", action="append", default=[], metavar="NAME",
                        help="do not apply patch NAME (repeatable)")
    parser.add_argument("--untidy", action="append", default=[], metavar="NAME",
                        help="arm untidy behaviour NAME from the start (repeatable; 'all' arms every one)")
    parser.add_argument("--list", action="store_true", help="list the patches and exit")
    parser.add_argument("--verbose", action="store_true", help="log every request on stderr")
    parser.add_argument("--latency-ms", type=float, default=0, metavar="MS",
                        help="answer every request MS milliseconds late, as a network round trip to AWS"
                             " would (bench/ only; default 0)")
    parser.add_argument("--replication-seconds", type=float, default=0.3, metavar="S",
                        help="copy each replicated write S seconds after it is answered, as S3"
                             " replication does within seconds (default 0.3; the control route's"
                             " replication_seconds changes it)")
    args = parser.parse_args(argv)

    names = patch_names()
    if args.list:
        print("\n".join(names))
        return 0
    if args.port is None:
        parser.error("--port is required (0 picks a free port)")
    unknown = [n for n in args.without if n not in names]
    if unknown:
        print(f"launcher: unknown patch {', '.join(unknown)}; known: {', '.join(names)}",
              file=sys.stderr)
        return 2

    # Read by moto at import time; later resources (ACM) need a short wait.
    os.environ.setdefault("MOTO_ACM_VALIDATION_WAIT", "2")
    try:
        import moto  # noqa: F401
        from moto.server import ThreadedMotoServer
    except ImportError as e:
        print(f"launcher: moto is not importable ({e}); install it with: {INSTALL_HINT}",
              file=sys.stderr)
        return 3

    sys.path.insert(0, HERE)
    for name in names:
        if name in args.without:
            continue
        importlib.import_module(f"patches.{name}").apply()
    untidy = importlib.import_module("patches._untidy")
    try:
        untidy.start_with("all" if "all" in args.untidy else args.untidy, args.replication_seconds)
    except ValueError as e:
        print(f"launcher: --untidy or --replication-seconds: {e}", file=sys.stderr)
        return 2
    untidy.install()
    if args.latency_ms < 0:
        print("launcher: --latency-ms must be >= 0", file=sys.stderr)
        return 2
    if args.latency_ms:
        _add_latency(args.latency_ms / 1000.0)

    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    server = ThreadedMotoServer(ip_address=args.host, port=args.port, verbose=False)
    server.start()
    host, port = server.get_host_and_port()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def watch_stdin():
        # The parent closing our stdin (or dying) means nobody needs us any more.
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        stop.set()

    # Only a pipe from a parent process is watched: started in the background of a shell, stdin
    # is /dev/null (or the terminal), and its EOF says nothing about whether anyone needs us.
    if _stdin_is_pipe():
        threading.Thread(target=watch_stdin, daemon=True).start()

    print(f"READY http://{host}:{port}", flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter shutdown: the stdin watcher may still hold stdin's lock, which makes
    # CPython abort at finalisation.
    os._exit(code)
