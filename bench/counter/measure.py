"""Runs peers side by side on one tree and prints a Markdown table.

  python3 measure.py --label NAME --dir DIR --runs 5 --baseline fdfind --floor floor \
      --peer 'name=shell command with {dir}' ...

Each peer runs once to warm up, then --runs times; the table shows the median wall time, files/s,
ratios to the baseline and floor peers (how many times faster the row is; >1 = faster), and the
median CPU time (user+sys) and the
peak RSS (max over runs, from GNU time: the largest process of the pipeline). A peer whose count
disagrees with the first peer's is flagged rather than hidden.
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command):
    with tempfile.NamedTemporaryFile("r") as rss_file:
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file.name, "bash", "-c", command],
                             capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if out.returncode != 0:
            sys.exit(f"measure: '{command}' failed ({out.returncode}): {out.stderr.strip()}")
        rss, user, system = rss_file.read().strip().splitlines()[-1].split()
        rss_kb, cpu = int(rss), float(user) + float(system)
    text = out.stdout.strip()
    count = json.loads(text)["files"] if text.startswith("{") else int(text.split()[0])
    return elapsed, rss_kb, count, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline")
    parser.add_argument("--floor")
    parser.add_argument("--peer", action="append", required=True, help="name=command ({dir} is replaced)")
    parser.add_argument("--slow-runs", type=int, help="runs (and no warm-up) for peers named python*")
    args = parser.parse_args()

    rows = []
    for spec in args.peer:
        name, command = spec.split("=", 1)
        command = command.replace("{dir}", args.dir)
        runs = args.runs
        if args.slow_runs and name.startswith("python"):
            runs = args.slow_runs
        else:
            run_once(command)  # warm-up
        samples = [run_once(command) for _ in range(runs)]
        median = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[3] for s in samples)
        rows.append((name, samples[0][2], median, max(s[1] for s in samples), {s[2] for s in samples}, runs, cpu))
        print(f"  {args.label}: {name}: {median:.3f} s", file=sys.stderr)

    by_name = {r[0]: r for r in rows}
    truth = rows[0][1]
    print(f"\n**{args.label}** (`{args.dir}`, median of {args.runs} runs after one warm-up)\n")
    print("| tool | files counted | median s | files/s | × vs fdfind | × vs C floor | CPU s (user+sys) | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, count, median, rss, counts, runs, cpu in rows:
        def ratio(other):
            return f"{by_name[other][2] / median:.2f}" if other in by_name else "–"
        flag = "" if counts == {truth} else " ⚠ differs"
        if runs != args.runs:
            name = f"{name} ({runs} run{'s' if runs > 1 else ''}, no warm-up)"
        print(f"| {name} | {count}{flag} | {median:.3f} | {count / median:,.0f} | {ratio(args.baseline)} | "
              f"{ratio(args.floor)} | {cpu:.2f} | {rss / 1024:.1f} |")


if __name__ == "__main__":
    main()
