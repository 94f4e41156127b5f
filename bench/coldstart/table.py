#!/usr/bin/env python3
"""Prints bench/coldstart's Markdown tables from measure.py's JSON files.
Usage: table.py OURS BEFORE SCENARIO=FILE[,FILE...]...
  OURS is the current build's label; BEFORE an earlier build's label ("" for none); each
  FILE is one measure.py output, SCENARIO its heading. Several files for one scenario (runs of
  the same command) are pooled: the medians are taken over all their raw runs.
"""
import json
import statistics
import sys


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def pooled(paths):
    """measure.py's summary, recomputed over the raw runs of every file."""
    data = [json.load(open(path)) for path in paths]
    if len(data) == 1:
        return data[0]["summary"]
    summary = {}
    for label, last in data[-1]["summary"].items():
        rs = [r for d in data for r in d["runs"][label]]
        ps = [p for d in data for p in d["plans"].get(label, [])]
        s = dict(last)
        for key in ("init_ms", "invoke_ms", "total_ms", "peak_rss_kib", "aws_calls"):
            s[key] = median(r[key] for r in rs)
        s["warm_ms"] = median(w for r in rs for w in r["warm_ms"])
        s["reported_cold_ms"] = median(r["reported_ms"][0] for r in rs)
        s["reported_warm_ms"] = median(w for r in rs for w in r["reported_ms"][1:])
        s["runs"] = len(rs)
        if ps:
            s["plan_wall_ms"] = median(p["wall_ms"] for p in ps)
            s["plan_reported_ms"] = median(p["reported_ms"] for p in ps)
            s["plan_aws_calls"] = median(p["aws_calls"] for p in ps)
        summary[label] = s
    return summary


def ms(value, digits=1):
    return "—" if value is None else f"{value:.{digits}f}"


def ratio(a, b, digits=1):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.{digits}f}×"


def main():
    ours, before = sys.argv[1], (sys.argv[2] or None)
    scenarios = [(name, pooled(paths.split(",")))
                 for name, paths in (arg.split("=", 1) for arg in sys.argv[3:])]

    print("**Lambda runtime, every runtime** (medians; invocations timed from the event's delivery on "
          "`GET …/next` to the response's `POST`; warm = invocations 2 and 3 in the same process)")
    print()
    print("| scenario | runtime | runs | start → first `next` (ms) | cold invocation (ms) | warm invocation (ms) "
          "| start → first response (ms) | peak RSS (MiB) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for scenario, s in scenarios:
        labels = [l for l in (ours, before, "original") if l and l in s]
        for label in labels:
            r = s[label]
            warm = r["warm_ms"] if r.get("invocations", 1) > 1 else None
            print(f"| {scenario} | {label} | {r['runs']} | {ms(r['init_ms'])} | {ms(r['invoke_ms'])} | {ms(warm)} "
                  f"| {ms(r['total_ms'])} | {r['peak_rss_kib'] / 1024:.1f} |")
        e = s[ours]
        for other in [l for l in (before, "original") if l and l in s]:
            o = s[other]
            warm = (o["warm_ms"], e["warm_ms"]) if e.get("invocations", 1) > 1 else (None, None)
            print(f"| {scenario} | ratio {other} ÷ {ours} | | {ratio(o['init_ms'], e['init_ms'])} "
                  f"| {ratio(o['invoke_ms'], e['invoke_ms'], 2)} | {ratio(*warm, 2)} "
                  f"| {ratio(o['total_ms'], e['total_ms'])} | {ratio(o['peak_rss_kib'], e['peak_rss_kib'])} |")
    print()
    print("**Invocations beside `plan` of the same state** (medians; `plan` is a whole process: spawn → exit; "
          "\"in-process\" is the report's own `duration_ms`, the reconcile alone)")
    print()
    print("| scenario | build | cold invocation (ms) | warm invocation (ms) | `plan` spawn → exit (ms) "
          "| in-process: cold / warm / `plan` (ms) | cold ÷ `plan` | warm ÷ `plan` | AWS calls: runtime process / `plan` |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for scenario, s in scenarios:
        for label in [l for l in (ours, before) if l and l in s and "plan_wall_ms" in s[l]]:
            r = s[label]
            warm = r["warm_ms"] if r.get("invocations", 1) > 1 else None
            inproc = f"{ms(r['reported_cold_ms'], 0)} / {ms(r['reported_warm_ms'], 0)} / {ms(r['plan_reported_ms'], 0)}"
            print(f"| {scenario} | {label} | {ms(r['invoke_ms'])} | {ms(warm)} | {ms(r['plan_wall_ms'])} | {inproc} "
                  f"| {ratio(r['invoke_ms'], r['plan_wall_ms'], 2)} | {ratio(warm, r['plan_wall_ms'], 2)} "
                  f"| {r['aws_calls']:.0f} ({r['invocations']} invocations) / {r['plan_aws_calls']:.0f} |")
    print()
    for scenario, s in scenarios:
        for label, r in s.items():
            print(f"{scenario}, {label}: last response {json.dumps(r['last_response'])[:600]}")
            print(f"{scenario}, {label}: AWS calls of the last runtime process {json.dumps(r['aws_operations'])}")
            if "last_plan" in r:
                print(f"{scenario}, {label}: last plan {json.dumps(r['last_plan'])[:400]}")
                print(f"{scenario}, {label}: AWS calls of the last plan {json.dumps(r['plan_aws_operations'])}")


if __name__ == "__main__":
    main()
