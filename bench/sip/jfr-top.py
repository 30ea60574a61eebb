#!/usr/bin/env python3
"""Aggregates a JFR recording's stack samples without JMC: top frames (self) and, with --inclusive, frames anywhere
in the stack. Usage: jfr-top.py FILE.jfr [--event jdk.ExecutionSample] [--inclusive] [--filter SUBSTRING] [--top N]
Events with stacks that work: jdk.ExecutionSample, jdk.ThreadPark, jdk.JavaMonitorEnter, jdk.JavaMonitorWait,
jdk.SocketRead, jdk.ObjectAllocationSample (weighted by count of events, not bytes)."""
import argparse, collections, json, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--event", default="jdk.ExecutionSample")
ap.add_argument("--inclusive", action="store_true")
ap.add_argument("--filter", default="")
ap.add_argument("--top", type=int, default=30)
ap.add_argument("--depth", type=int, default=64)
a = ap.parse_args()
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(a.depth), "--events", a.event, a.file],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
counts = collections.Counter()
total = 0
for e in events:
    st = e["values"].get("stackTrace")
    if not st:
        continue
    frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in st["frames"]]
    if a.filter and not any(a.filter in f for f in frames):
        continue
    total += 1
    if a.inclusive:
        for f in set(frames):
            counts[f] += 1
    elif frames:
        counts[frames[0]] += 1
print(f"{a.event}: {total} samples" + (f" with a frame containing {a.filter!r}" if a.filter else ""))
for f, n in counts.most_common(a.top):
    print(f"{100.0 * n / max(total, 1):6.1f}%  {n:6d}  {f}")
