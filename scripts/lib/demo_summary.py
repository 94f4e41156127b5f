#!/usr/bin/env python3
"""Prints the parts of an efs-autoscaler JSON document a newcomer cares about (used by demo.sh).

Usage: demo_summary.py report|count < document.json
"""
import json
import sys


def report(r):
    lines = [
        "  files counted:          %s (threshold %s, exceeded: %s)" % (r.get("file_count"), r.get("threshold"), r.get("threshold_exceeded")),
        "  mount targets:          %s now -> %s desired" % (r.get("current_mount_targets"), r.get("desired_mount_targets")),
        "  new mount target:       %s   deployment forced: %s" % (r.get("new_mount_target_created"), r.get("deployment_triggered")),
    ]
    if r.get("reason"):
        lines.append("  why:                    %s" % r["reason"])
    if r.get("hold_reason"):
        lines.append("  holding:                %s [%s]" % (r["hold_reason"], r.get("hold_reason_code")))
    for action in r.get("actions", []):
        lines.append("  action:                 %-8s %s" % (action["status"], action["description"]))
    if r.get("pending"):
        lines.append("  pending for next run:   %s" % json.dumps(r["pending"]))
    published = ", ".join("%s (%s, %s)" % (m["mount_target_id"], m["availability_zone"], m["ip_address"])
                          for m in r.get("mount_targets", []))
    lines.append("  published list:         %s" % (published or "empty"))
    if r.get("error"):
        lines.append("  ERROR:                  %s" % r["error"])
    return lines


def count(r):
    return ["  %s files in %s directories (complete: %s)" % (r["files"], r["directories"], r["complete"])]


def main():
    text = sys.stdin.read()
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        print("  (not JSON) " + text.strip())
        return 1
    print("\n".join({"report": report, "count": count}[sys.argv[1]](document)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
