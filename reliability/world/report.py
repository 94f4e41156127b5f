"""Markdown tables of world results (RELIABILITY.md): one row per scenario, and time to serve."""
import collections
import statistics

from results import table

from . import serve


def _kinds(counter):
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "none"


def scenario_table(results):
    rows = collections.OrderedDict()
    for r in results:
        row = rows.setdefault(r["scenario"], {"seeds": set(), "runs": 0, "hours": 0.0, "faults": collections.Counter(),
                                              "violations": collections.Counter(), "converge": [], "missed": 0})
        row["seeds"].add(r["seed"])
        row["runs"] += r.get("runs") or 0
        row["hours"] += r.get("sim_hours") or 0
        row["faults"].update(r.get("faults") or {})
        row["violations"].update(r.get("violation_kinds") or {})
        if r.get("converged"):
            row["converge"].append(r.get("runs_to_converge") or 0)
        else:
            row["missed"] += 1
    body = []
    for name, row in rows.items():
        converge = (f"median {statistics.median(row['converge']):g}, max {max(row['converge'])}"
                    if row["converge"] else "")
        if row["missed"]:
            converge += ("; " if converge else "") + f"end state missed in {row['missed']}"
        body.append((name, len(row["seeds"]), row["runs"], f"{row['hours']:.1f}", _kinds(row["faults"]),
                     _kinds(row["violations"]), converge))
    return table(body, ("scenario", "seeds", "runs", "simulated hours", "faults by kind", "violations",
                        "runs to converge"), align="lrrrlll", padded=False)


def serve_table(results, first_only=False):
    """With `first_only`, each scenario run's first scale-out alone (no cooldown before it)."""
    by_period = collections.defaultdict(list)
    for r in results:
        samples = r.get("time_to_serve") or []
        for sample in samples[:1] if first_only else samples:
            by_period[r.get("period")].append(sample)
    body = []
    for period in sorted(p for p in by_period if p):
        samples = by_period[period]
        d = serve.distribution([s["ratio"] for s in samples])
        if d:
            within = sum(1 for s in samples if s["ours"] <= 1.1 * s["floor"] + period)
            floor = statistics.median(s["floor"] for s in samples)
            body.append((f"every {period / 60:g} min", d["n"], f"{d['median']:.2f}", f"{d['p95']:.2f}",
                         f"{d['max']:.2f}", f"{floor:.0f}", f"{within} of {len(samples)}"))
    return table(body, ("schedule", "scale-outs", "median ours ÷ floor", "p95", "max", "median floor (s)",
                        "within 1.1 × floor + one period"), align="lrrrrrr", padded=False)


def violation_list(results):
    body = []
    seen = set()
    for r in results:
        for v in r.get("violations") or []:
            key = (r["scenario"], r["seed"], v["kind"])
            if key in seen:
                continue
            seen.add(key)
            body.append((r["scenario"], r["seed"], v["run"], v["call"], f"{v['kind']}: {v['detail']}"))
    return table(body, ("scenario", "seed", "run", "offending call", "violation"), align="lrlll", padded=False)


def markdown(results, summary):
    return "\n\n".join([scenario_table(results), serve_table(results),
                        "First violation of each kind per scenario and seed:", violation_list(results),
                        f"Wall time {summary['wall_seconds']} s."]) + "\n"
