"""The expectations file: scenarios known to violate on today's main (none since issue 16's fixes).

Format (reliability/world/expected_violations.json):
    {"scenarios": {"<name>": {"why": "...", "end_state": true|false, "only_long": true|false}}}
An entry with "only_long" applies to the long form only (reliability/run.sh). A listed scenario may report violations (and, with "end_state": true, miss its end state) without
failing the check; a listed scenario that saw neither gets a notice to un-list it. Anything else
that violates fails the check.
"""
import json


class Expectations:
    def __init__(self, listed):
        self.listed = listed

    @classmethod
    def load(cls, path):
        if not path:
            return cls({})
        with open(path) as f:
            document = json.load(f)
        listed = document.get("scenarios")
        if not isinstance(listed, dict):
            raise ValueError(f"{path}: expected an object with a 'scenarios' object")
        return cls(listed)

    def entry(self, r):
        """The expectations entry that applies to one result, or None."""
        entry = self.listed.get(r["scenario"])
        if entry is not None and entry.get("only_long") and not r.get("long"):
            return None
        return entry

    def line(self, r):
        kinds = ",".join(f"{k}={v}" for k, v in sorted(r.get("violation_kinds", {}).items())) or "none"
        state = "converged" if r.get("converged") else "NOT converged: " + "; ".join(r.get("end_state_problems", []))
        listed = " (listed)" if self.entry(r) is not None else ""
        return (f"{r['scenario']:34} seed={r['seed']} period={r.get('period')} runs={r.get('runs')} "
                f"sim_h={r.get('sim_hours')} wall={r.get('wall_seconds')}s violations: {kinds}; {state}{listed}")

    def judge(self, results):
        failures, notices, known = [], [], []
        bad = {}
        for r in results:
            name = r["scenario"]
            entry = self.entry(r)
            violated = bool(r.get("violations"))
            missed = not r.get("converged")
            if r.get("crashed") or r.get("error"):
                failures.append(f"{name} seed {r['seed']}: the scenario itself failed: {r.get('crashed') or r.get('error')}")
                continue
            if entry is None:
                if violated:
                    first = r["violations"][0]
                    failures.append(f"{name} seed {r['seed']}: {len(r['violations'])} violation(s), first: "
                                    f"{first['kind']} by {first['run']} on {first['call']}: {first['detail']}")
                if missed:
                    failures.append(f"{name} seed {r['seed']}: end state not reached: {r['end_state_problems']}")
                continue
            if missed and not entry.get("end_state"):
                failures.append(f"{name} seed {r['seed']}: end state not reached: {r['end_state_problems']}")
            if violated or missed:
                known.append(name)
            bad.setdefault(name, False)
            bad[name] = bad[name] or violated or missed
        for name, any_bad in bad.items():
            if not any_bad:
                notices.append(f"{name} no longer violates: remove it from the expectations file")
        return {"failures": failures, "notices": notices, "known": sorted(set(known))}
