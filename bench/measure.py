"""What bench/run.py measures with: one moto, bounded timed runs, request counts, sites on disk.

Nothing here knows about siteform's cases; run.py composes these.
"""
import http.client
import json
import http.server
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# werkzeug's access log line, which moto/launcher.py --verbose writes for every request.
_LOG_LINE = re.compile(r'"(GET|PUT|POST|HEAD|DELETE|PATCH|OPTIONS) (\S+) HTTP/[\d.]+" (\d{3})')


class Moto:
    """moto/launcher.py --verbose on a free loopback port; counts every request from its log.

    A command's requests are the log lines between two marks. A mark is a request of its own
    (GET /bench-mark-N, answered NoSuchBucket) that the reader thread waits to see, so no line of
    the command it brackets is still in the pipe.
    """

    def __init__(self, start_timeout=90, latency_ms=0):
        """latency_ms: every request held that long (launcher --latency-ms), as a round trip to AWS."""
        self.latency_ms = latency_ms
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "moto/launcher.py"), "--port", "0", "--verbose",
             *(["--latency-ms", str(latency_ms)] if latency_ms else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self.requests = []  # (method, path, status)
        self._marks = 0
        self._seen = threading.Condition()
        self._last_mark = -1
        ready = {}

        def read_stdout():
            ready["line"] = self.proc.stdout.readline().strip()

        t = threading.Thread(target=read_stdout, daemon=True)
        t.start()
        t.join(start_timeout)
        line = ready.get("line", "")
        if not line.startswith("READY "):
            self.stop()
            raise SystemExit(f"bench: moto did not start within {start_timeout}s: {line!r}"
                             " (is moto installed? bin/ensure-moto installs it)")
        self.endpoint = line[len("READY "):]
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_log(self):
        for line in self.proc.stderr:
            m = _LOG_LINE.search(line)
            if not m:
                continue
            method, path, status = m.group(1), m.group(2), int(m.group(3))
            if path.startswith("/bench-mark-"):
                with self._seen:
                    self._last_mark = int(path.rsplit("-", 1)[1])
                    self._seen.notify_all()
            else:
                self.requests.append((method, path, status))

    def mark(self, timeout=30):
        """The number of requests logged so far, once every earlier request is in."""
        n = self._marks
        self._marks += 1
        try:
            urllib.request.urlopen(f"{self.endpoint}/bench-mark-{n}", timeout=timeout).close()
        except urllib.error.HTTPError:
            pass
        with self._seen:
            if not self._seen.wait_for(lambda: self._last_mark >= n, timeout):
                raise SystemExit("bench: moto's request log stopped (mark not seen)")
        return len(self.requests)

    def between(self, start, end):
        return self.requests[start:end]

    def replication_seconds(self, seconds):
        """How long after a write the launcher's S3 replication copies it, from now on (its control
        route; moto/README.md); restore_launcher() puts the launcher's own back."""
        self._control("", {"replication_seconds": seconds})

    def restore_launcher(self):
        """The control route's settings as the launcher started (the replication delay among them)."""
        self._control("/restore", None)

    def _control(self, path, request):
        body = json.dumps(request).encode() if request is not None else b""
        req = urllib.request.Request(self.endpoint + "/moto-api/siteform/untidy" + path, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            if r.status != 200:
                raise SystemExit(f"bench: moto refused {path or 'the control route'} {request}: {r.status}")

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
                self.proc.terminate()
                self.proc.wait(timeout=15)
            except (subprocess.TimeoutExpired, OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)


@dataclass
class Run:
    """One bounded run of a command: wall seconds, peak RSS of its main process, its requests."""
    cmd: list
    seconds: float
    returncode: int
    output: str
    stderr: str
    peak_rss_mb: float
    requests: list = field(default_factory=list)
    timeline: list = field(default_factory=list)  # (seconds since start, line) of both streams

    def progress(self, limit=40):
        """The timeline's top-level lines (progress, summaries; not the plan's indented body)."""
        lines = [(round(t, 2), l) for t, l in self.timeline if l and not l[0].isspace()]
        return lines if len(lines) <= limit else lines[:limit // 2] + [(None, "...")] + lines[-limit // 2:]

    @property
    def methods(self):
        return Counter(m for m, _, _ in self.requests)


def run_timed(cmd, env, moto, timeout, cwd=None, check=True):
    """Runs cmd to its end (killing its process group after timeout s), measuring it.

    Peak RSS comes from wait4's rusage of this one child (ru_maxrss, KiB on Linux): for siteform
    that is the JVM itself.
    """
    before = moto.mark()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    out, err, timeline = [], [], []

    def read(stream, into):
        for line in stream:
            into.append(line)
            timeline.append((time.monotonic() - start, line.decode(errors="replace").rstrip()))

    readers = [threading.Thread(target=read, args=(s, b), daemon=True)
               for s, b in ((proc.stdout, out), (proc.stderr, err))]
    for r in readers:
        r.start()
    killer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
    killer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except BaseException:  # the bench is being stopped: take the command down with it
        os.killpg(proc.pid, signal.SIGKILL)
        os.wait4(proc.pid, 0)
        raise
    finally:
        killer.cancel()
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join(30)
    stdout = b"".join(out).decode(errors="replace")
    stderr = b"".join(err).decode(errors="replace")
    run = Run(cmd, seconds, proc.returncode, stdout, stderr, usage.ru_maxrss / 1024,
              moto.between(before, moto.mark()), sorted(timeline))
    if check and run.returncode != 0:
        timed_out = " (killed after %ds)" % timeout if run.returncode == -signal.SIGKILL else ""
        raise SystemExit(f"bench: {' '.join(map(str, cmd[:8]))} ... exited {run.returncode}{timed_out}\n"
                         f"{(stdout + stderr)[-4000:]}")
    return run


class CountingProxy:
    """A loopback HTTP proxy in front of moto that counts requests by region and service.

    The service and region are read from each request's SigV4 credential scope
    (Credential=KEY/DATE/REGION/SERVICE/aws4_request). Adds latency, so the bench only uses
    it for one extra run whose time it does not report.
    """

    def __init__(self, upstream):
        host, port = upstream.split("//", 1)[1].split(":")
        self.counts = Counter()
        counts, lock = self.counts, threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _forward(self):
                auth = self.headers.get("Authorization", "")
                m = re.search(r"Credential=[^/]+/\d+/([^/]+)/([^/]+)/", auth)
                with lock:
                    counts[(m.group(2), m.group(1)) if m else ("unsigned", "-")] += 1
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                conn = http.client.HTTPConnection(host, int(port), timeout=120)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("connection", "expect", "transfer-encoding")}
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response_only(resp.status, resp.reason)
                for k, v in resp.getheaders():
                    if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length",
                                 resp.getheader("Content-Length") if self.command == "HEAD" else str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                conn.close()

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = _forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


FOLDERS = ["", "assets/", "blog/", "docs/guide/", "img/"]
EXTS = [".html", ".js", ".css", ".json", ".svg"]


def make_site(root: Path, files: int, seed=42):
    """files files of 200 B - 20 KB in five folders (and an index.html), the same for a seed."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(files - 1):
        p = root / f"{FOLDERS[i % 5]}page-{i:05d}{EXTS[i % 5]}"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(rng.randbytes(rng.randint(200, 20_000)))
    (root / "index.html").write_text("<h1>bench</h1>\n")


def fresh_checkout(pristine: Path, dst: Path, edits: int, tag: str):
    """dst becomes a copy of pristine as `git clone` leaves it: same bytes, every mtime new
    (and newer than any upload so far), with `edits` HTML files edited (marked with tag)."""
    if dst.exists():
        shutil.rmtree(dst)
    time.sleep(1.1)  # mtimes have one-second resolution in S3's LastModified
    shutil.copytree(pristine, dst, copy_function=shutil.copyfile)
    for p in sorted(dst.rglob("*.html"))[:edits]:
        p.write_bytes(p.read_bytes() + f"<!-- edited {tag} -->\n".encode())


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
