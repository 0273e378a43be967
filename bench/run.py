#!/usr/bin/env python3
"""siteform's benchmarks (issue 14), side by side with s3deploy and `aws s3 sync`, in one run.

    python3 bench/run.py [--files 2000] [--edits 20] [--large 20000] [--repeat 3] [--plan-runs 7] [--latency-ms 20] [--quick]

Starts one moto (moto/launcher.py on a free loopback port) and measures, on it:
  1. first publish of --files files into an existing, empty site: siteform's whole `apply`
     against s3deploy and `aws s3 sync` (each into its own bucket);
  2. a fresh checkout (every mtime new) with --edits files edited: the same three, with PUTs;
  3. the no-change `plan` of a three-region site with a domain: median of --plan-runs, and
     AWS requests per managed resource (by service, through a counting proxy);
  4. large sites: --files against --large files (plan, re-publish, peak RSS; --quick skips it);
  5. siteform's own phase breakdown, when this build has one (`--stats` or SITEFORM_TRACE=1);
  6. cases 1 and 2 again on a moto that holds each request --latency-ms (a round trip to AWS);
  7. on that moto, case 2's re-publish while S3 takes 1, 3 and 8 s to replicate.
  8. on that moto, case 2's re-publish on a CI runner whose cache goes with it: no class-data
     sharing archive, and none written (beside the same run writing one, as every run there did).
  9. a CI job's install step: siteform's jar built in a fresh clone, or restored from the job's cache.
Then writes docs/benchmarks.md and docs/benchmarks.png (the chart needs matplotlib:
`pip install matplotlib`; without it the Markdown is written alone).

s3deploy is used when an `s3deploy` binary is on PATH; without one its column says so. The bench
never downloads or builds it. siteform is built (mvn -DskipTests package) when its jar is missing
or older than the sources, as bin/siteform does.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure  # noqa: E402
import report  # noqa: E402
from measure import ROOT, median, run_timed  # noqa: E402

JAR = ROOT / "cli/target/siteform.jar"
# What users run: bin/siteform, with its class-data sharing archive (made by the bench's first run,
# an infrastructure apply, into the bench's own cache) and its JVM flags.
SITEFORM = ROOT / "bin/siteform"
SWEEP = (8, 16, 32, 64)  # uploads in flight, measured on the first publish
S3DEPLOY_16 = report.S3DEPLOY_16
REGION = "eu-west-1"
TIMEOUT = 900  # seconds, for any one command on the small sites
LARGE_TIMEOUT = 3600

PUBLISH_SPEC = """version: 1
site: {{name: {name}}}
primary: {{region: eu-west-1, bucket: {name}-primary}}
replicas: [{{region: ap-southeast-1, bucket: {name}-replica}}]
content: {{source: dist/, delete: true, invalidate: changed}}
"""

PLAN_SPEC = """version: 1
site: {name: bench-plan}
primary: {region: eu-west-1, bucket: bench-plan-primary}
replicas:
  - {region: ap-southeast-1, bucket: bench-plan-singapore}
  - {region: us-west-2, bucket: bench-plan-oregon}
content: {source: dist/, delete: true, invalidate: changed}
domain:
  names: [www.example.com]
  hosted_zone: example.com
  certificate: {validation: dns}
  records: [A, AAAA]
"""


def log(msg):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def build_siteform():
    stale = not JAR.exists() or any(
        p.stat().st_mtime > JAR.stat().st_mtime
        for src in ROOT.glob("*/src/main") for p in src.rglob("*") if p.is_file())
    if stale:
        log(f"building {JAR} (mvn -DskipTests package)...")
        r = subprocess.run(["mvn", "-q", "-B", "-ntp", "-f", str(ROOT / "pom.xml"), "-DskipTests", "package"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1200)
        if r.returncode != 0:
            raise SystemExit("bench: the build failed:\n" + r.stdout[-4000:])


def machine(s3deploy):
    def first(cmd):
        try:
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
            return r.stdout.strip().splitlines()[0] if r.stdout.strip() else "?"
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines()
                      if l.startswith("MemTotal")).split()[1])
    git = first(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "kernel": os.uname().release,
        "java": first(["java", "-version"]),
        "moto": first([sys.executable, "-c", "import moto; print(moto.__version__)"]),
        "python": sys.version.split()[0],
        "aws": first(["aws", "--version"]),
        "s3deploy": first([s3deploy, "-V"]) if s3deploy else None,
        "siteform": git,
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "load_start": os.getloadavg(),
    }


class Bench:
    def __init__(self, args, work: Path, moto):
        self.args, self.work, self.moto = args, work, moto
        self.endpoint = moto.endpoint
        home = work / "home"
        home.mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION=REGION,
                        AWS_DEFAULT_REGION=REGION, AWS_EC2_METADATA_DISABLED="true",
                        AWS_CONFIG_FILE=str(home / "config"), AWS_SHARED_CREDENTIALS_FILE=str(home / "credentials"),
                        SITEFORM_CACHE_DIR=str(work / "cache"))
        self.s3deploy = shutil.which("s3deploy")
        self.clients = {}
        self.stats = self.detect_stats()

    def client(self, service, region=REGION):
        key = (service, region)
        if key not in self.clients:
            self.clients[key] = boto3.client(service, endpoint_url=self.endpoint, region_name=region,
                                             aws_access_key_id="testing", aws_secret_access_key="testing")
        return self.clients[key]

    # -- tools ---------------------------------------------------------------------------------

    def sf(self, spec, *args, endpoint=None):
        return [str(SITEFORM), "-f", str(spec), "--endpoint-url", endpoint or self.endpoint,
                "--no-color", *args]

    def siteform(self, spec, *args, timeout=TIMEOUT, check=True, endpoint=None, java_opts=None, env=None):
        cmd = self.sf(spec, *args, endpoint=endpoint)
        env = dict(env if env is not None else self.env)
        if java_opts is not None:
            env["SITEFORM_JAVA_OPTS"] = java_opts
        if self.stats and args and args[0] in ("plan", "apply"):
            if self.stats["how"] == "--stats":
                cmd = self.sf(spec, args[0], "--stats", *args[1:], endpoint=endpoint)
            else:
                env = dict(env, SITEFORM_TRACE="1")
        return run_timed(cmd, env, self.moto, timeout, check=check)

    def s3deploy_run(self, source, bucket, timeout=TIMEOUT, workers=None):
        return run_timed([self.s3deploy, "-bucket", bucket, "-region", REGION, "-endpoint-url", self.endpoint,
                          "-source", str(source), "-key", "testing", "-secret", "testing", "-quiet",
                          *(["-workers", str(workers)] if workers else [])],
                         self.env, self.moto, timeout)

    def sync_run(self, source, bucket, timeout=TIMEOUT):
        return run_timed(["aws", "--endpoint-url", self.endpoint, "s3", "sync", "--delete", "--only-show-errors",
                          str(source), f"s3://{bucket}"], self.env, self.moto, timeout)

    def detect_stats(self):
        """How this siteform build prints its phase breakdown (issue 14 point 1), or None.

        `--stats` is looked for in --help; SITEFORM_TRACE=1 counts as supported when an offline
        plan of a one-file site prints more with it than without.
        """
        helps = "".join(subprocess.run(["java", "-jar", str(JAR), *c, "--help"], stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True, timeout=120).stdout
                        for c in ([], ["plan"], ["apply"]))
        if "--stats" in helps:
            return {"how": "--stats"}
        probe = self.work / "probe"
        (probe / "dist").mkdir(parents=True)
        (probe / "dist/index.html").write_text("probe")
        (probe / "siteform.yaml").write_text(PUBLISH_SPEC.format(name="bench-probe"))
        outs = []
        for env in (self.env, dict(self.env, SITEFORM_TRACE="1")):
            r = run_timed(self.sf(probe / "siteform.yaml", "plan", "--offline"), env, self.moto, 120, check=False)
            outs.append(len((r.output + r.stderr).splitlines()))
        return {"how": "SITEFORM_TRACE=1"} if outs[1] > outs[0] else None

    # -- buckets -------------------------------------------------------------------------------

    def versions(self, bucket, region=REGION):
        n = 0
        for page in self.client("s3", region).get_paginator("list_object_versions").paginate(Bucket=bucket):
            n += len(page.get("Versions", []))
        return n

    def make_bucket(self, bucket, region=REGION):
        s3 = self.client("s3", region)
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})

    def empty(self, bucket, region=REGION):
        """Deletes every version and delete marker (listed in full first: deleting while paging
        makes moto skip pages)."""
        s3 = self.client("s3", region)
        while True:
            doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                      for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket)
                      for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
            if not doomed:
                return
            for i in range(0, len(doomed), 1000):
                s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed[i:i + 1000], "Quiet": True})

    # -- sites ---------------------------------------------------------------------------------

    def publish_site(self, name, files, timeout):
        """A two-region site applied once with an empty dist/, and its pristine files beside it."""
        site = self.work / name
        (site / "dist").mkdir(parents=True)
        spec = site / "siteform.yaml"
        spec.write_text(PUBLISH_SPEC.format(name=name))
        log(f"{name}: applying the site's infrastructure (no content yet)")
        self.siteform(spec, "apply", "--auto-approve", timeout=timeout)
        log(f"{name}: writing {files} files")
        measure.make_site(site / "pristine", files)
        shutil.rmtree(site / "dist")
        shutil.copytree(site / "pristine", site / "dist", copy_function=shutil.copyfile)
        return site, spec

    def tools(self, site, spec, bucket_sf, repeat_index, source):
        """(name, thunk, bucket) for the three tools, rotated by repeat so none always goes first."""
        tools = [("siteform", lambda: self.siteform(spec, "apply", "--auto-approve"), bucket_sf),
                 ("s3deploy", (lambda: self.s3deploy_run(source, "bench-s3deploy")) if self.s3deploy else None,
                  "bench-s3deploy"),
                 ("aws s3 sync", lambda: self.sync_run(source, "bench-sync"), "bench-sync"),
                 # s3deploy's default is one upload per CPU; this is it with siteform's 16 in flight.
                 (S3DEPLOY_16, (lambda: self.s3deploy_run(source, "bench-s3deploy16", workers=SWEEP[1]))
                  if self.s3deploy else None, "bench-s3deploy16")]
        k = repeat_index % len(tools)
        return tools[k:] + tools[:k]

    def measure_tool(self, name, thunk, bucket, expected_puts):
        if thunk is None:
            return None
        before = self.versions(bucket)
        run = thunk()
        puts = self.versions(bucket) - before
        if puts != expected_puts:
            raise SystemExit(f"bench: {name} made {puts} PUTs where this case needs {expected_puts}: "
                             "the case did not set up what it measures")
        log(f"  {name}: {run.seconds:.2f} s, {puts} PUTs, {len(run.requests)} requests, {run.peak_rss_mb:.0f} MB")
        return {"seconds": run.seconds, "puts": puts, "requests": len(run.requests), "rss_mb": run.peak_rss_mb,
                "stats": self.stats_text(run) if name == "siteform" else None,
                "progress": run.progress() if name == "siteform" else None}

    def stats_text(self, run):
        if not self.stats:
            return None
        return "\n".join(l for l in (run.stderr or run.output).splitlines() if l.strip())[-6000:]

    # -- cases ---------------------------------------------------------------------------------

    def publish_cases(self):
        a = self.args
        site, spec = self.publish_site("bench-pub", a.files, TIMEOUT)
        for b in ("bench-s3deploy", "bench-s3deploy16", "bench-sync"):
            self.make_bucket(b)
        first = {name: [] for name in report.TOOLS}
        for r in range(a.repeat):
            log(f"case 1, first publish of {a.files} files, run {r + 1}/{a.repeat}")
            if r:
                for b, region in (("bench-pub-primary", REGION), ("bench-pub-replica", "ap-southeast-1"),
                                  ("bench-s3deploy", REGION), ("bench-s3deploy16", REGION), ("bench-sync", REGION)):
                    self.empty(b, region)
            for name, thunk, bucket in self.tools(site, spec, "bench-pub-primary", r, site / "dist"):
                first[name].append(self.measure_tool(name, thunk, bucket, a.files))
        again = {name: [] for name in report.TOOLS}
        for r in range(a.repeat):
            log(f"case 2, fresh checkout with {a.edits} edits, run {r + 1}/{a.repeat}")
            measure.fresh_checkout(site / "pristine", site / "dist", a.edits, f"r{r}")
            for name, thunk, bucket in self.tools(site, spec, "bench-pub-primary", r, site / "dist"):
                again[name].append(self.measure_tool(name, thunk, bucket,
                                                     a.files if name == "aws s3 sync" else a.edits))
        return site, spec, first, again

    def sweep_case(self, site, spec):
        """siteform's first publish with 8/16/32/64 uploads in flight (siteform.uploads.inFlight)."""
        a = self.args
        out = []
        for n in SWEEP:
            for b, region in (("bench-pub-primary", REGION), ("bench-pub-replica", "ap-southeast-1")):
                self.empty(b, region)
            before = self.versions("bench-pub-primary")
            run = self.siteform(spec, "apply", "--auto-approve", java_opts=f"-Dsiteform.uploads.inFlight={n}")
            puts = self.versions("bench-pub-primary") - before
            if puts != a.files:
                raise SystemExit(f"bench: the sweep at {n} made {puts} PUTs, not {a.files}")
            log(f"  sweep, {n} in flight: {run.seconds:.2f} s")
            out.append({"in_flight": n, "seconds": run.seconds, "stats": self.stats_text(run)})
        return out

    def plan_case(self):
        a = self.args
        log("case 3: three-region site with a domain")
        self.client("route53", "us-east-1").create_hosted_zone(Name="example.com", CallerReference="siteform-bench")
        site = self.work / "bench-plan"
        measure.make_site(site / "dist", 10)
        spec = site / "siteform.yaml"
        spec.write_text(PLAN_SPEC)
        self.siteform(spec, "apply", "--auto-approve")
        resources = [l for l in run_timed(self.sf(spec, "state", "list"), self.env, self.moto, 120).output.split()
                     if l and not l.startswith("data.")]
        runs = {"version": [], "validate": [], "offline": [], "plan": []}
        plan_requests = []
        stats = None
        for i in range(a.plan_runs):
            runs["version"].append(run_timed([str(SITEFORM), "--version"], self.env, self.moto, 120).seconds)
            runs["validate"].append(self.siteform(spec, "validate").seconds)
            runs["offline"].append(self.siteform(spec, "plan", "--offline", "--detailed-exitcode").seconds)
            p = self.siteform(spec, "plan", "--detailed-exitcode")
            runs["plan"].append(p.seconds)
            plan_requests.append(len(p.requests))
            stats = self.stats_text(p)
            progress = p.progress()
            log(f"  plan {i + 1}/{a.plan_runs}: {p.seconds:.2f} s, {len(p.requests)} requests")
        proxy = measure.CountingProxy(self.endpoint)
        try:
            self.siteform(spec, "plan", "--detailed-exitcode", endpoint=proxy.endpoint)
        finally:
            proxy.stop()
        return {"resources": resources, "runs": runs, "requests": plan_requests,
                "by_service": [[svc, region, n] for (svc, region), n in proxy.counts.items()], "stats": stats,
                "progress": progress}

    def scale_case(self, site, spec, files, first_publish=None):
        """No-change plan (median of 3) and one re-publish with edits, on a published site."""
        log(f"case 4: {files} files")
        plans, offline = [], []
        for _ in range(3):
            plans.append(self.siteform(spec, "plan", "--detailed-exitcode", timeout=LARGE_TIMEOUT))
            offline.append(self.siteform(spec, "plan", "--offline", "--detailed-exitcode", timeout=LARGE_TIMEOUT))
        measure.fresh_checkout(site / "pristine", site / "dist", self.args.edits, "scale")
        before = self.versions(f"{site.name}-primary")
        again = self.siteform(spec, "apply", "--auto-approve", timeout=LARGE_TIMEOUT)
        puts = self.versions(f"{site.name}-primary") - before
        result = {
            "files": files,
            "plan_s": median([p.seconds for p in plans]),
            "plan_rss_mb": max(p.peak_rss_mb for p in plans),
            "plan_requests": len(plans[-1].requests),
            "offline_s": median([p.seconds for p in offline]),
            "republish_s": again.seconds, "republish_puts": puts, "republish_rss_mb": again.peak_rss_mb,
            "republish_requests": len(again.requests), "republish_progress": again.progress(),
            "first": first_publish,
        }
        log(f"  plan {result['plan_s']:.2f} s ({result['plan_rss_mb']:.0f} MB), re-publish "
            f"{again.seconds:.2f} s ({again.peak_rss_mb:.0f} MB, {puts} PUTs)")
        return result

    def large_site(self):
        a = self.args
        site, spec = self.publish_site("bench-large", a.large, LARGE_TIMEOUT)
        log(f"case 4: first publish of {a.large} files")
        before = self.versions("bench-large-primary")
        run = self.siteform(spec, "apply", "--auto-approve", timeout=LARGE_TIMEOUT)
        first = {"seconds": run.seconds, "puts": self.versions("bench-large-primary") - before,
                 "rss_mb": run.peak_rss_mb, "requests": len(run.requests)}
        log(f"  {run.seconds:.2f} s, {first['puts']} PUTs, {run.peak_rss_mb:.0f} MB")
        return self.scale_case(site, spec, a.large, first)


# How long S3 takes to replicate in case 7: a second, and the seconds it often takes on AWS.
REPLICATION_DELAYS = (1, 3, 8)


def replication_case(bench, site, spec):
    """Case 7: case 2's re-publish while S3 takes seconds to replicate (the launcher's replication
    delay, through its control route): how soon after the copies land the replica wait ends."""
    a = bench.args
    out = []
    try:
        for i, delay in enumerate(REPLICATION_DELAYS):
            bench.moto.replication_seconds(delay)
            measure.fresh_checkout(site / "pristine", site / "dist", a.edits, f"replication{i}")
            run = bench.siteform(spec, "apply", "--auto-approve")
            m = re.search(r"replica wait ([0-9.]+)s", bench.stats_text(run) or "")
            wait = float(m.group(1)) if m else None
            log(f"  S3 replicating after {delay} s: apply {run.seconds:.2f} s, replica wait "
                f"{'not printed' if wait is None else f'{wait:.2f} s'}")
            out.append({"delay": delay, "seconds": run.seconds, "replica_wait": wait})
    finally:
        bench.moto.restore_launcher()
    return out


def runner_case(bench, site, spec):
    """Case 8: case 2's re-publish on a CI runner whose cache goes with it (CI set, an empty
    $XDG_CACHE_HOME every run), beside the same run writing its archive as it exits, which every such
    run did before bin/siteform stopped writing one to a cache the job did not choose."""
    a = bench.args
    out = {"fresh": [], "writing": []}
    base = {k: v for k, v in bench.env.items() if k != "SITEFORM_CACHE_DIR"}
    for r in range(a.repeat):
        for kind in (("fresh", "writing") if r % 2 == 0 else ("writing", "fresh")):
            cache = bench.work / f"runner-{kind}-{r}"
            env = dict(base, CI="true", XDG_CACHE_HOME=str(cache))
            if kind == "writing":
                env["SITEFORM_CACHE_DIR"] = str(cache / "siteform")
            measure.fresh_checkout(site / "pristine", site / "dist", a.edits, f"runner-{kind}-{r}")
            run = bench.siteform(spec, "apply", "--auto-approve", env=env)
            archive = sorted(p.name for p in (cache / "siteform").glob("*")) if (cache / "siteform").exists() else []
            log(f"  {kind}: {run.seconds:.2f} s, cache afterwards: {archive or 'none'}")
            out[kind].append({"seconds": run.seconds, "cache": archive})
    return out


def install_case(work, restores=3):
    """Case 9: a CI job's install step, `bin/siteform --version` in a fresh clone of this checkout:
    the jar built (Maven's downloads already at hand, as setup-java's cache or an earlier job gives
    them), against the jar and its stamp restored beside the clone from a cache, as the GitHub Actions
    example restores them (mtimes kept, as actions/cache keeps them)."""
    out = {"build": [], "restored": []}
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITEFORM_")}
    env.update(CI="true", SITEFORM_CDS="0")

    def clone(name):
        d = work / name
        subprocess.run(["git", "clone", "-q", str(ROOT), str(d)], check=True, capture_output=True)
        return d

    def install(d):
        start = time.monotonic()
        r = subprocess.run([str(d / "bin/siteform"), "--version"], env=env, capture_output=True, text=True,
                           timeout=TIMEOUT, check=True)
        return time.monotonic() - start, "building" in r.stderr

    built = clone("install-build")
    seconds, _ = install(built)
    log(f"  built: {seconds:.2f} s")
    out["build"].append(seconds)
    for r in range(restores):
        d = clone(f"install-restored-{r}")
        (d / "cli/target").mkdir(parents=True, exist_ok=True)
        for name in ("siteform.jar", "siteform.jar.sources"):
            shutil.copy2(built / "cli/target" / name, d / "cli/target" / name)
        seconds, rebuilt = install(d)
        log(f"  restored: {seconds:.2f} s{' (built again!)' if rebuilt else ''}")
        out["restored"].append(seconds)
        if rebuilt:
            out["rebuilt"] = True
    return out


def latency_cases(args, work):
    """Cases 1 and 2 on a second moto that answers every request --latency-ms late: on loopback the
    server's CPU bounds every tool alike, against AWS the round trip does, and how many requests a
    tool keeps in flight decides."""
    moto = measure.Moto(latency_ms=args.latency_ms)
    try:
        log(f"cases 1 and 2 again with {args.latency_ms:g} ms per request (moto at {moto.endpoint})")
        sub = work / "latency"
        sub.mkdir()
        bench = Bench(args, sub, moto)
        site, spec, first, again = bench.publish_cases()
        log(f"case 7, the re-publish while S3 takes {', '.join(map(str, REPLICATION_DELAYS))} s to replicate")
        replication = replication_case(bench, site, spec)
        log("case 8, the re-publish on a CI runner whose cache goes with it")
        runner = runner_case(bench, site, spec)
        return {"ms": args.latency_ms, "first": first, "again": again, "replication": replication,
                "runner": runner}
    finally:
        moto.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000, help="files of the publish cases (default 2000)")
    ap.add_argument("--edits", type=int, default=20, help="files edited in the fresh checkout (default 20)")
    ap.add_argument("--large", type=int, default=20000, help="files of the large site (default 20000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each publish case, median reported (default 3)")
    ap.add_argument("--plan-runs", type=int, default=7, help="runs of the no-change plan (default 7)")
    ap.add_argument("--latency-ms", type=float, default=20,
                    help="cases 1 and 2 again on a moto that holds every request this long, as a round trip"
                         " to AWS from a CI runner in the region (default 20; 0 skips)")
    ap.add_argument("--quick", action="store_true", help="skip the large site")
    ap.add_argument("--out", default=str(ROOT / "docs/benchmarks.md"),
                    help="the Markdown to write (the PNG goes beside it; default docs/benchmarks.md)")
    ap.add_argument("--save-json", metavar="FILE", help="also save the raw figures as JSON")
    ap.add_argument("--from-json", metavar="FILE", help="measure nothing: rewrite the report from saved figures")
    args = ap.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.from_json:
        written = report.write(json.loads(Path(args.from_json).read_text()), out, out.with_suffix(".png"))
        print("\n".join(str(p) for p in written))
        return
    if args.repeat < 1 or args.plan_runs < 1 or args.files < 2 or args.edits < 0:
        ap.error("--repeat and --plan-runs must be >= 1, --files >= 2, --edits >= 0")
    for tool in ("java", "aws"):
        if not shutil.which(tool):
            raise SystemExit(f"bench: `{tool}` is not on PATH")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    build_siteform()
    s3deploy = shutil.which("s3deploy")
    if not s3deploy:
        log("s3deploy is not on PATH: its column will say so (the bench never downloads or builds it)")
    info = machine(s3deploy)
    work = Path(tempfile.mkdtemp(prefix="siteform-bench."))
    moto = None
    try:
        moto = measure.Moto()
        log(f"moto at {moto.endpoint}; working in {work}")
        bench = Bench(args, work, moto)
        site, spec, first, again = bench.publish_cases()
        log("concurrency sweep of the first publish")
        sweep = bench.sweep_case(site, spec)
        # The sweep leaves the site published from the pristine files: back to the checkout of case 2.
        measure.fresh_checkout(site / "pristine", site / "dist", args.edits, "sweep")
        bench.siteform(spec, "apply", "--auto-approve")
        plan = bench.plan_case()
        scale = [bench.scale_case(site, spec, args.files)]
        if not args.quick:
            scale.append(bench.large_site())
        # The first moto holds every object version the cases made (over 20 GB after the large
        # site): it goes before the second one starts.
        moto.stop()
        moto = None
        latency = None
        if args.latency_ms:
            latency = latency_cases(args, work)
        log("case 9, a CI job's install: the jar built, or restored from the job's cache")
        install = install_case(work)
        info["load_end"] = os.getloadavg()
        results = {"machine": info, "args": vars(args), "first": first, "again": again, "plan": plan,
                   "scale": scale, "stats": bench.stats, "s3deploy": s3deploy, "sweep": sweep,
                   "latency": latency, "install": install}
        if args.save_json:
            Path(args.save_json).write_text(json.dumps(results, indent=1))
        written = report.write(results, out, out.with_suffix(".png"))
        print("\n".join(str(p) for p in written))
    finally:
        if moto:
            moto.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
