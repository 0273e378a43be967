#!/usr/bin/env python3
"""Publish benchmark: siteform against `aws s3 sync`, on the same local moto.

Both publish the same 2,000-file site to a versioned bucket, then publish it again from a
"fresh checkout" (every file copied anew, so every mtime is new) with 20 files edited. Prints
the PUTs each made (counted as new object versions, which S3 makes one per PUT) and wall times.

    bench/publish.py [--files 2000] [--edits 20]

Needs what bin/demo needs (Java, Maven, Python with moto and awscli); builds siteform if missing.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent


def start_moto():
    proc = subprocess.Popen([sys.executable, str(ROOT / "moto/launcher.py"), "--port", "0"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().strip()
    if not line.startswith("READY "):
        raise SystemExit("moto did not start: " + line)
    return proc, line[len("READY "):]


def make_site(root: Path, files: int):
    rng = random.Random(42)
    for i in range(files):
        folder = ["", "assets/", "blog/", "docs/guide/", "img/"][i % 5]
        ext = [".html", ".js", ".css", ".json", ".svg"][i % 5]
        p = root / f"{folder}page-{i:04d}{ext}"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(rng.randbytes(rng.randint(512, 16_384)))
    (root / "index.html").write_text("<h1>bench</h1>")


def fresh_checkout(src: Path, dst: Path, edits: int):
    # As git does on a fresh clone: same bytes, every mtime new (and newer than the last upload).
    shutil.copytree(src, dst, copy_function=shutil.copyfile)
    time.sleep(1.1)
    for p in sorted(dst.rglob("*.html"))[:edits]:
        p.write_bytes(p.read_bytes() + b"<!-- edited -->")


def versions(s3, bucket):
    n = 0
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        n += len(page.get("Versions", []))
    return n


def timed(cmd, env):
    start = time.monotonic()
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.monotonic() - start
    if r.returncode != 0:
        print(r.stdout[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd[:6])}...")
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    if not (ROOT / "cli/target/siteform.jar").exists():
        subprocess.run(["mvn", "-q", "-B", "-ntp", "-f", str(ROOT / "pom.xml"), "-DskipTests", "package"], check=True)
    proc, endpoint = start_moto()
    env = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="eu-west-1",
               AWS_REGION="eu-west-1")
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1",
                      aws_access_key_id="testing", aws_secret_access_key="testing")
    work = Path(tempfile.mkdtemp(prefix="siteform-bench."))
    try:
        make_site(work / "dist", args.files)
        spec = work / "siteform.yaml"
        spec_text = f"""version: 1
site: {{name: bench}}
primary: {{region: eu-west-1, bucket: bench-siteform}}
replicas: [{{region: ap-southeast-1, bucket: bench-siteform-replica}}]
content: {{source: SOURCE, delete: true, invalidate: changed}}
"""
        sf = ["java", "-jar", str(ROOT / "cli/target/siteform.jar"), "-f", str(spec), "--endpoint-url", endpoint,
              "--no-color"]
        # The infrastructure first, so the timings below are publishing only.
        spec.write_text(spec_text.replace("SOURCE", "dist/"))
        timed(sf + ["apply", "--auto-approve", "--target", "s3_replication.primary"], env)
        timed(sf + ["apply", "--auto-approve", "--target", "cloudfront_distribution.site"], env)
        # The same setting for aws s3 sync: a versioned bucket replicating to a replica, so the
        # server does the same replication work for both tools.
        replica = boto3.client("s3", endpoint_url=endpoint, region_name="ap-southeast-1",
                               aws_access_key_id="testing", aws_secret_access_key="testing")
        s3.create_bucket(Bucket="bench-sync", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        s3.put_bucket_versioning(Bucket="bench-sync", VersioningConfiguration={"Status": "Enabled"})
        replica.create_bucket(Bucket="bench-sync-replica",
                              CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"})
        replica.put_bucket_versioning(Bucket="bench-sync-replica", VersioningConfiguration={"Status": "Enabled"})
        s3.put_bucket_replication(Bucket="bench-sync", ReplicationConfiguration={
            "Role": "arn:aws:iam::123456789012:role/bench",
            "Rules": [{"ID": "all", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": ""},
                       "DeleteMarkerReplication": {"Status": "Disabled"},
                       "Destination": {"Bucket": "arn:aws:s3:::bench-sync-replica"}}]})
        aws = ["aws", "--endpoint-url", endpoint, "s3", "sync", "--delete", "--only-show-errors"]

        def publish(cmd, bucket):
            before = versions(s3, bucket)
            seconds = timed(cmd, env)
            return versions(s3, bucket) - before, seconds

        first_sf = publish(sf + ["apply", "--auto-approve"], "bench-siteform")
        first_sync = publish(aws + [str(work / "dist"), "s3://bench-sync"], "bench-sync")
        fresh_checkout(work / "dist", work / "checkout", args.edits)
        spec.write_text(spec_text.replace("SOURCE", "checkout/"))
        again_sf = publish(sf + ["apply", "--auto-approve"], "bench-siteform")
        again_sync = publish(aws + [str(work / "checkout"), "s3://bench-sync"], "bench-sync")
        rows = [("siteform", *first_sf, *again_sf), ("aws s3 sync", *first_sync, *again_sync)]

        print(f"\n{args.files} files; re-publish from a fresh checkout with {args.edits} edits; local moto at {endpoint}\n")
        print(f"| tool | first publish PUTs | first publish s | re-publish PUTs | re-publish s |")
        print(f"|---|---:|---:|---:|---:|")
        for name, p1, t1, p2, t2 in rows:
            print(f"| {name} | {p1} | {t1:.1f} | {p2} | {t2:.1f} |")
        print("\nsiteform's times include its plan (refreshing every resource) and waiting until the replica"
              " holds every object; aws s3 sync does neither. PUTs are new object versions in the primary.")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
