"""Writes docs/benchmarks.md (and its chart, docs/benchmarks.png) from one bench/run.py run."""
from pathlib import Path

from measure import median

S3DEPLOY_16 = "s3deploy -workers 16"
TOOLS = ["siteform", "s3deploy", "aws s3 sync", S3DEPLOY_16]
MATPLOTLIB_HINT = "pip install matplotlib"


def _median(runs, key="seconds"):
    return median([r[key] for r in runs]) if runs else None


def _fmt(x, digits=2):
    return "—" if x is None else f"{x:.{digits}f}"


def _ratio(a, b):
    return "—" if a is None or not b else f"{a / b:.2f}"


def _publish_table(case, s3deploy):
    sf = _median(case["siteform"])
    rows = ["| tool | median s | min–max s | PUTs | requests | peak RSS MB | siteform / tool |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for tool in TOOLS:
        runs = case.get(tool)
        if not runs or runs[0] is None:
            rows.append(f"| {tool} | not run: no `s3deploy` on PATH | | | | | |")
            continue
        secs = [r["seconds"] for r in runs]
        puts = sorted({r["puts"] for r in runs})
        reqs = _median(runs, "requests")
        rows.append(f"| {tool} | {_fmt(median(secs))} | {min(secs):.2f}–{max(secs):.2f} | "
                    f"{'/'.join(map(str, puts))} | {reqs:.0f} | {_median(runs, 'rss_mb'):.0f} | "
                    f"{'1' if tool == 'siteform' else _ratio(sf, median(secs))} |")
    return "\n".join(rows)


def _targets(results):
    first, again, plan, scale = results["first"], results["again"], results["plan"], results["scale"]
    sf1, sd1 = _median(first["siteform"]), _median([r for r in first["s3deploy"] if r])
    sf2, sd2 = _median(again["siteform"]), _median([r for r in again["s3deploy"] if r])
    plan_s = median(plan["runs"]["plan"])
    per_resource = median(plan["requests"]) / len(plan["resources"])

    def verdict(ok):
        return "—" if ok is None else ("met" if ok else "**not met**")

    s16 = [_median([r for r in c.get(S3DEPLOY_16) or [] if r]) for c in (first, again)]

    def also(i):
        return f" ({_ratio((sf1, sf2)[i], s16[i])}× `{S3DEPLOY_16}`)" if s16[i] else ""

    rows = ["| issue 14 | target | measured | |", "|---|---|---|---|",
            f"| 2. first publish | siteform ≤ s3deploy | {_ratio(sf1, sd1)}× s3deploy{also(0)} | "
            f"{verdict(None if sd1 is None else sf1 <= sd1)} |",
            f"| 3. re-publish | siteform ≤ 2× s3deploy | {_ratio(sf2, sd2)}× s3deploy{also(1)} | "
            f"{verdict(None if sd2 is None else sf2 <= 2 * sd2)} |",
            f"| 4. no-change plan | median ≤ 1.2 s | {plan_s:.2f} s | {verdict(plan_s <= 1.2)} |",
            f"| 4. requests | ≤ 2 per managed resource | {per_resource:.2f} | {verdict(per_resource <= 2)} |"]
    lat = results.get("latency")
    if lat:
        lf, ls = _median(lat["first"]["siteform"]), _median([r for r in lat["first"]["s3deploy"] if r])
        af, as_ = _median(lat["again"]["siteform"]), _median([r for r in lat["again"]["s3deploy"] if r])
        l16 = [_median([r for r in c.get(S3DEPLOY_16) or [] if r]) for c in (lat["first"], lat["again"])]

        def also_l(i):
            return f" ({_ratio((lf, af)[i], l16[i])}× `{S3DEPLOY_16}`)" if l16[i] else ""

        rows += [f"| 2. first publish, {lat['ms']:g} ms round trip (case 6) | siteform ≤ s3deploy | "
                 f"{_ratio(lf, ls)}× s3deploy{also_l(0)} | {verdict(None if ls is None else lf <= ls)} |",
                 f"| 3. re-publish, {lat['ms']:g} ms round trip (case 6) | siteform ≤ 2× s3deploy | "
                 f"{_ratio(af, as_)}× s3deploy{also_l(1)} | {verdict(None if as_ is None else af <= 2 * as_)} |"]
        waits = [r for r in lat.get("replication") or [] if r.get("replica_wait") is not None]
        if waits:
            # The wait starts as the uploads end, about S3's delay before the last copies land.
            beyond = [r["replica_wait"] - r["delay"] for r in waits]
            ok = all(b <= max(1.0, r["delay"] / 4) for b, r in zip(beyond, waits))
            rows.append("| 2. replica wait, S3 replicating after "
                        + "/".join(f"{r['delay']:g}" for r in waits) + " s (case 7) | sees the copies within "
                        "max(1 s, a quarter of the wait) of landing | "
                        + "/".join(f"{b:.2f}" for b in beyond) + f" s beyond the delay | {verdict(ok)} |")
    if len(scale) > 1:
        small, large = scale[0], scale[-1]
        n = large["files"] / small["files"]
        for label, key in (("plan time", "plan_s"), ("re-publish time", "republish_s"),
                           ("peak RSS (re-publish)", "republish_rss_mb")):
            grow = large[key] / small[key]
            rows.append(f"| 5. {label} | linear: ≤ {n:.0f}× from {small['files']} to {large['files']} files | "
                        f"{grow:.1f}× | {verdict(grow <= n * 1.1)} |")
    return "\n".join(rows)


def _plan_section(plan):
    runs = plan["runs"]
    n = len(plan["resources"])
    reqs = plan["requests"]
    m = {k: median(v) for k, v in runs.items()}
    lines = [
        f"{n} managed resources ({', '.join(plan['resources'])}), and the data sources.",
        "",
        "| run | median s | min–max s |", "|---|---:|---:|",
    ]
    for key, label in (("version", "`siteform --version` (JVM start, picocli)"),
                       ("validate", "`siteform validate` (+ spec load)"),
                       ("offline", "`siteform plan --offline` (+ state, local file hashing, diff; no AWS)"),
                       ("plan", "`siteform plan` (+ refresh of every resource and data source)")):
        v = runs[key]
        lines.append(f"| {label} | {m[key]:.2f} | {min(v):.2f}–{max(v):.2f} |")
    lines += ["",
              f"Requests per plan: {'/'.join(map(str, sorted(set(reqs))))} "
              f"({median(reqs) / n:.2f} per managed resource). Seen from outside, of the plan's "
              f"{m['plan']:.2f} s about {m['version']:.2f} s is the JVM and CLI start, "
              f"{max(m['offline'] - m['version'], 0):.2f} s loading spec and state, hashing and diffing, and "
              f"{max(m['plan'] - m['offline'], 0):.2f} s talking to AWS.",
              "", "By service and region (one more plan, through a counting proxy; its time is not reported):", "",
              "| service | region | requests |", "|---|---|---:|"]
    for service, region, count in sorted(plan["by_service"], key=lambda r: (-r[2], r[0], r[1])):
        lines.append(f"| {service} | {region} | {count} |")
    return "\n".join(lines)


def _scale_section(scale):
    lines = ["| files | first publish s | no-change plan s | plan --offline s | re-publish s (PUTs) | "
             "requests: plan / re-publish | peak RSS MB: plan / re-publish |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for s in scale:
        first = f"{s['first']['seconds']:.1f} ({s['first']['rss_mb']:.0f} MB)" if s.get("first") else "case 1"
        lines.append(f"| {s['files']} | {first} | {s['plan_s']:.2f} | {s['offline_s']:.2f} | "
                     f"{s['republish_s']:.2f} ({s['republish_puts']}) | {s['plan_requests']} / "
                     f"{s['republish_requests']} | {s['plan_rss_mb']:.0f} / {s['republish_rss_mb']:.0f} |")
    return "\n".join(lines)


def _median_run(runs):
    runs = sorted((r for r in runs if r), key=lambda r: r["seconds"])
    return runs[len(runs) // 2] if runs else None


def _timelines(results):
    a = results["args"]
    found = []
    for title, run in ((f"Case 1, first publish of {a['files']} files (the median run)",
                        _median_run(results["first"]["siteform"])),
                       (f"Case 2, fresh checkout with {a['edits']} edits (the median run)",
                        _median_run(results["again"]["siteform"]))):
        if run and run.get("progress"):
            found.append((f"{title}, {run['seconds']:.2f} s", run["progress"]))
    if results["plan"].get("progress"):
        found.append(("Case 3, the last no-change plan", results["plan"]["progress"]))
    for s in results["scale"][1:]:
        if s.get("republish_progress"):
            found.append((f"Case 4, re-publish of {s['files']} files, {s['republish_s']:.2f} s",
                          s["republish_progress"]))
    return found


def _progress(lines):
    return "\n".join("        ..." if t is None else f"{t:7.2f} s  {l[:110]}" for t, l in lines)


def _bars(ax, first, again):
    cases = [("first publish", first), ("fresh checkout\n+ edits", again)]
    colours = {"siteform": "#1f77b4", "s3deploy": "#2ca02c", "aws s3 sync": "#ff7f0e", S3DEPLOY_16: "#98df8a"}
    width = 0.2
    for i, tool in enumerate(TOOLS):
        xs, ys, errs = [], [], [[], []]
        for j, (_, case) in enumerate(cases):
            runs = [r for r in case.get(tool) or [] if r]
            if not runs:
                continue
            secs = [r["seconds"] for r in runs]
            m = median(secs)
            xs.append(j + (i - 1.5) * width)
            ys.append(m)
            errs[0].append(m - min(secs))
            errs[1].append(max(secs) - m)
        if xs:
            bars = ax.bar(xs, ys, width, yerr=errs, capsize=3, label=tool, color=colours[tool])
            ax.bar_label(bars, fmt="%.1f", fontsize=8)
    ax.set_xticks(range(len(cases)), [c for c, _ in cases])
    ax.set_ylabel("seconds (median, min–max)")
    ax.legend()


def _chart(results, png: Path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    scale = results["scale"] if len(results["scale"]) > 1 else []
    latency = results.get("latency")
    widths = [3] + ([3] if latency else []) + [2] + ([2] if scale else [])
    fig, axes = plt.subplots(1, len(widths), figsize=(4.2 * len(widths), 4.2), gridspec_kw={"width_ratios": widths})
    axes = list(axes)
    left = axes.pop(0)
    _bars(left, results["first"], results["again"])
    left.set_title(f"{results['args']['files']} files, one moto, side by side")
    if latency:
        ax = axes.pop(0)
        _bars(ax, latency["first"], latency["again"])
        ax.set_title(f"the same, {latency['ms']:g} ms per request (as to AWS)")
    right = axes.pop(0)
    plan = results["plan"]["runs"]
    labels = ["JVM start", "validate", "plan\n--offline", "plan"]
    vals = [median(plan[k]) for k in ("version", "validate", "offline", "plan")]
    bars = right.bar(labels, vals, color="#1f77b4")
    right.bar_label(bars, fmt="%.2f", fontsize=8)
    right.axhline(1.2, color="grey", linestyle="--", linewidth=1)
    right.text(-0.4, 1.22, "target 1.2 s", ha="left", va="bottom", fontsize=8, color="grey")
    right.set_title(f"siteform no-change plan, {len(results['plan']['resources'])} resources")
    right.set_ylabel("seconds (median)")
    if scale:
        ax = axes.pop(0)
        groups = [("no-change plan", "plan_s"), ("re-publish", "republish_s")]
        for i, s in enumerate(scale):
            xs = [j + (i - 0.5) * 0.38 for j in range(len(groups))]
            bars = ax.bar(xs, [s[k] for _, k in groups], 0.38, label=f"{s['files']} files",
                          color=["#9ecae1", "#08519c"][i % 2])
            ax.bar_label(bars, fmt="%.1f", fontsize=8)
        ax.set_xticks(range(len(groups)), [g for g, _ in groups])
        ax.set_title("siteform, large sites")
        ax.set_ylabel("seconds")
        ax.legend()
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    plt.close(fig)
    return True


def _replication_section(lat, a):
    """Case 7: the re-publish while S3 takes seconds to replicate."""
    rows = (lat or {}).get("replication")
    out = ["## 7. The replica wait when S3 takes seconds to replicate", ""]
    if not rows:
        return out + ["Not measured in this run (`--latency-ms 0`, or a bench before case 7).", ""]
    out += [
        f"Case 2's re-publish ({a['edits']} edits) on the moto of case 6, once for each replication delay: "
        "the launcher's `s3_replication_copy` copies each write that long after answering it (set through "
        "its control route), as S3 does within seconds, with no bound without Replication Time Control. "
        "The replica wait begins when the uploads end, about the delay before the last copies land, so its excess "
        "over the delay is how late it saw them (give or take the 50 ms the copier batches by).", "",
        "| S3 replicates after | replica wait | wait beyond the delay | whole apply |",
        "|---:|---:|---:|---:|",
    ]
    for r in rows:
        w = r.get("replica_wait")
        out.append(f"| {r['delay']:g} s | {_fmt(w) + ' s' if w is not None else 'not printed'} | "
                   f"{_fmt(w - r['delay']) + ' s' if w is not None else ''} | {_fmt(r['seconds'])} s |")
    return out + [""]


def _runner_section(lat, a):
    """Case 8: the re-publish on a CI runner whose cache goes with it."""
    runs = (lat or {}).get("runner")
    out = ["## 8. The re-publish on a CI runner whose cache goes with it", ""]
    if not runs or not runs.get("fresh"):
        return out + ["Not measured in this run (`--latency-ms 0`, or a bench before case 8).", ""]
    kept = _median((lat.get("again") or {}).get("siteform") or [])
    fresh, writing = _median(runs["fresh"]), _median(runs.get("writing") or [])
    out += [
        f"Case 2's re-publish ({a['edits']} edits) on the moto of case 6, as on a hosted CI runner: `CI` set and an "
        "empty cache folder every run, so no class-data sharing archive to start from. `bin/siteform` writes none "
        "there (the default cache goes with the runner); beside it, the same run told to write one "
        "(`SITEFORM_CACHE_DIR` set to the empty folder), as every such run did before. Medians of "
        f"{len(runs['fresh'])}, alternating.", "",
        "| run | whole apply |",
        "|---|---:|",
        f"| runner, no archive, none written (now) | {_fmt(fresh)} s |",
        f"| runner, writing the archive as it exits (before) | {_fmt(writing)} s |",
        f"| archive kept from an earlier run (case 6's re-publish) | {_fmt(kept)} s |",
    ]
    return out + [""]


def _install_section(install):
    """Case 9: a CI job's install step, the jar built or restored from the job's cache."""
    out = ["## 9. A CI job's install: siteform built, or restored from the cache", ""]
    if not install:
        return out + ["Not measured in this run (a bench before case 9).", ""]
    build, restored = install["build"], install["restored"]
    out += [
        "`bin/siteform --version` in a fresh clone of the checkout the bench ran from, as the GitHub Actions "
        "example's install step runs it: once building the jar with Maven (its downloads already at hand), "
        "and with the jar and its stamp restored beside a fresh clone, their mtimes kept, as `actions/cache` "
        "restores them (docs/ci.md).", "",
        "| install | seconds |", "|---|---:|",
        f"| the jar built | {_fmt(median(build))} |",
        f"| the jar restored from the cache (median of {len(restored)}, {_fmt(min(restored))}-{_fmt(max(restored))}) "
        f"| {_fmt(median(restored))} |", "",
    ]
    if install.get("rebuilt"):
        out += ["**A restored jar was built again**: the stamp did not match the clone's sources.", ""]
    return out


def _sweep_table(sweep):
    if not sweep:
        return "(not measured in this run)"
    best = min(sweep, key=lambda r: r["seconds"])
    rows = ["| uploads in flight | first publish | |", "|---|---|---|"]
    for r in sweep:
        rows.append(f"| {r['in_flight']} | {_fmt(r['seconds'])} s | {'fastest' if r is best else ''} |")
    return "\n".join(rows)


def _stats_only(text):
    """The --stats block of what siteform printed (from its "Stats:" line on)."""
    lines = (text or "").splitlines()
    at = next((i for i, l in enumerate(lines) if l.startswith("Stats:")), None)
    return "\n".join(lines[at:]) if at is not None else (text or "(nothing)")


def write(results, md: Path, png: Path):
    m, a = results["machine"], results["args"]
    charted = _chart(results, png)
    flags = f"--files {a['files']} --edits {a['edits']} --repeat {a['repeat']} --plan-runs {a['plan_runs']}" + (
        " --quick" if a["quick"] else f" --large {a['large']}")
    s3d = (f"s3deploy {m['s3deploy']} (`{results['s3deploy']}`)" if results["s3deploy"]
           else "s3deploy: not on PATH, so not measured")
    stats = results["stats"]
    out = [
        "# Benchmarks",
        "",
        f"Written by `python3 bench/run.py {flags}` ({m['date']}); rerun it rather than editing this file.",
        "[bench/README.md](../bench/README.md) says what each case does and how.",
        "",
        "**Every figure here was measured in one run, side by side, on one local moto**: in each repeat "
        "the three tools ran one after another on the same files (the order rotated between repeats), "
        "each into its own bucket.",
        "",
        f"**Machine:** {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Linux {m['kernel']}; "
        f"{m['java']}; moto {m['moto']} (moto/launcher.py with siteform's patches) on Python {m['python']}; "
        f"{m['aws']}; {s3d}; siteform {m['siteform']}.",
        "",
        f"The machine is shared with other work and noisy (load average {m['load_start'][0]:.1f} at the start, "
        f"{m['load_end'][0]:.1f} at the end, on {m['cores']} cores): read differences under about 20 % "
        "as noise, and compare ratios within this file, not with figures from another run.",
        "",
    ]
    if charted:
        out += [f"![siteform against s3deploy and aws s3 sync]({png.name})", ""]
    else:
        out += [f"(No chart: matplotlib is not installed; `{MATPLOTLIB_HINT}` and rerun.)", ""]
    out += [
        "## Against issue 14", "", _targets(results), "",
        f"## 1. First publish of {a['files']} files into an existing, empty site", "",
        "siteform's figure is its whole `apply` of a site whose infrastructure was applied before with an "
        "empty `dist/` (primary in eu-west-1, one replica in ap-southeast-1, CloudFront, "
        "`invalidate: changed`): JVM start, refresh, plan, uploads, waiting until the replica holds every "
        "object, the invalidation. s3deploy and `aws s3 sync` publish to one versioned bucket each, "
        "without replicas. Between repeats every bucket is emptied (all versions).", "",
        _publish_table(results["first"], results["s3deploy"]), "",
        f"## 2. Fresh checkout with {a['edits']} edits", "",
        "The same files copied anew (every mtime new, as after `git clone` in CI), "
        f"{a['edits']} HTML files edited, then each tool publishes again.", "",
        _publish_table(results["again"], results["s3deploy"]), "",
        "### Uploads in flight", "",
        "siteform's first publish of case 1 once at each concurrency (the system property "
        "`siteform.uploads.inFlight`, through `SITEFORM_JAVA_OPTS`), the site's buckets emptied before each:", "",
        _sweep_table(results.get("sweep") or []), "",
        "## 3. No-change plan of a three-region site with a domain", "",
        f"eu-west-1 with replicas in ap-southeast-1 and us-west-2, `www.example.com` (hosted zone made in moto), "
        f"a DNS-validated certificate, A and AAAA records, 10 files; median of {a['plan_runs']} runs.", "",
        _plan_section(results["plan"]), "",
        "## 4. Large sites", "",
        (f"The two-region site of case 1 at {a['files']} files and a second one at {a['large']} files; "
         "the plan is the median of 3 runs, the re-publish (a fresh checkout with "
         f"{a['edits']} edits) one run. Peak RSS is the siteform JVM's (wait4's ru_maxrss), with "
         "the JVM's default heap limit." if not a["quick"] else
         f"`--quick`: only {a['files']} files (the large site was skipped)."), "",
        _scale_section(results["scale"]), "",
        "## 5. siteform's own breakdown", "",
    ]
    lat = results.get("latency")
    latency_section = [
        f"## 6. Cases 1 and 2 with {lat['ms']:g} ms per request" if lat else "## 6. Over a round trip", "",
    ] + ([
        f"A second moto, started `--latency-ms {lat['ms']:g}`, holds every request {lat['ms']:g} ms before "
        "answering it (twice that for one that waits for `100 Continue` before its body): the round trip "
        "from a CI runner to S3 in its region, which loopback lacks. On "
        "loopback moto's single Python process is the bottleneck for every tool alike; here, as against "
        "AWS, time in flight is, and what counts is how many requests a tool keeps in flight and how many "
        "it makes one after another. Same sites, files and rotation as cases 1 and 2.", "",
        "First publish:", "", _publish_table(lat["first"], results["s3deploy"]), "",
        f"Fresh checkout with {a['edits']} edits:", "", _publish_table(lat["again"], results["s3deploy"]), "",
    ] if lat else ["Not measured in this run (`--latency-ms 0`).", ""])
    latency_section += _replication_section(lat, a)
    latency_section += _runner_section(lat, a)
    if stats:
        out += [f"Printed by siteform under `{stats['how']}` for the last no-change plan of case 3:", "",
                "```", results["plan"]["stats"] or "(nothing)", "```", ""]
        sf_first = next((r for r in results["first"]["siteform"] if r and r.get("stats")), None)
        if sf_first:
            out += ["For the first publish of case 1:", "", "```", _stats_only(sf_first["stats"]), "```", ""]
        sf_again = next((r for r in results["again"]["siteform"] if r and r.get("stats")), None)
        if sf_again:
            out += ["For the re-publish of case 2:", "", "```", _stats_only(sf_again["stats"]), "```", ""]
    else:
        out += ["Not available in this build: no `--stats` in `siteform --help`, and `SITEFORM_TRACE=1` "
                "prints nothing more (issue 14 point 1 is still open). Case 3's outside-in split "
                "(JVM start, offline plan, plan) stands in for it.", ""]
    out += ["### When siteform printed what", "",
            "Each line siteform printed (its top-level lines: progress and summaries, not the plan's "
            "body), with the seconds since the command started, as the bench read them from its pipes. "
            "The gaps between lines are the nearest thing to a phase breakdown this build gives.", ""]
    for title, progress in _timelines(results):
        out += [f"{title}:", "", "```", _progress(progress), "```", ""]
    out += latency_section
    out += _install_section(results.get("install"))
    out += [
        "## How to read these", "",
        "- PUTs are new object versions in the tool's bucket (S3 makes one per PUT); requests are every "
        "request moto logged while the tool ran, counted from `moto/launcher.py --verbose`.",
        "- s3deploy compares MD5s with ETags and runs with its default workers; `aws s3 sync` decides by "
        "size and modification time (so a fresh checkout re-uploads every file) with its default 10 "
        "concurrent requests; siteform compares content hashes.",
        "- s3deploy's default workers are the machine's CPU count "
        "(`runtime.NumCPU()`, 2 here); siteform keeps 16 uploads in flight, and so does the row "
        f"`{S3DEPLOY_16}`, s3deploy given as many.",
        "- siteform's uploads also cost moto the replication the patch `s3_replication_copy` models (a "
        "copy ~0.3 s after each write, on moto's CPU), which the one-bucket tools do not cause.",
        "",
    ]
    md.write_text("\n".join(out))
    return [md] + ([png] if charted else [])
