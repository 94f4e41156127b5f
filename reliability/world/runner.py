"""Runs one scenario with one seed and returns its result (JSON-ready)."""
import collections
import os
import time

import settings

from . import scenarios as sc
from . import serve
from .hosts import Host
from .sandbox import Sandbox

SETTLE_RUNS = 8          # at least this many settle runs, and at least SETTLE_SECONDS of schedule
SETTLE_SECONDS = 1800.0


def run_scenario(name, seed, binary, simclock_so, workdir, period=None, rate=settings.WORLD_RATE, long=False, moto=None):
    scenario = sc.BY_NAME[name](period, long=long)
    rng = sc.rng_for(name, seed)
    wall = time.time()
    os.makedirs(workdir, exist_ok=True)
    with Sandbox(scenario, seed, workdir, binary, simclock_so, rate=rate, moto=moto) as sb:
        period_h = settings.HOST_REREAD_SECONDS
        sb.world.hosts = [Host(f"host-{i}", period_h, sb.started_at + rng.uniform(0, period_h))
                          for i in range(scenario.hosts)]
        scenario.arrange(sb, rng)
        error = None
        try:
            scenario.drive(sb, rng)
        except Exception as e:  # the drive's own failure is a result, not a crash of the suite
            error = repr(e)
        scenario.disarm(sb)
        settle_runs = 0
        problems = scenario.expect(sb, sb.snapshot())
        limit = max(SETTLE_RUNS, int(SETTLE_SECONDS // scenario.period))
        while problems and settle_runs < limit and error is None:
            sb.lambda_run()
            sb.next_tick(scenario.period)
            settle_runs += 1
            problems = scenario.expect(sb, sb.snapshot())
        snap = sb.snapshot()
        w = sb.world
        faults = dict(w.faults.counts)
        faults.update(w.ecs.counts)
        for call in w.calls:
            if call.get("refused"):
                faults[f"refused:{call['refused']}"] = faults.get(f"refused:{call['refused']}", 0) + 1
        return {
            "scenario": name, "seed": seed, "period": scenario.period, "long": long, "about": scenario.about,
            "runs": len(sb.runs), "outcomes": dict(collections.Counter(r.outcome for r in sb.runs)),
            "calls": len(w.calls), "sim_hours": round((sb.clock.now() - sb.started_at) / 3600, 2),
            "faults": faults,
            "violations": [dict(v) for v in w.monitor.violations],
            "violation_kinds": dict(collections.Counter(v["kind"] for v in w.monitor.violations)),
            "end_state": snap, "end_state_problems": problems, "converged": not problems,
            "runs_to_converge": settle_runs if not problems else None,
            "time_to_serve": serve.samples(sb), "error": error,
            "wall_seconds": round(time.time() - wall, 1), "workdir": workdir,
        }
