#!/usr/bin/env python3
"""Allocation per request and the top allocation sites of a JFR recording of the bench edge (no JMC needed).
Usage: jfr-alloc.py FILE.jfr REQUESTS [--top N] [--frame SUBSTRING]
- bytes allocated: jdk.ThreadAllocationStatistics (JFR emits one per thread at the start and at the end of a
  recording; the difference per thread, summed, is what the JVM allocated while it ran), divided by REQUESTS.
- sites: jdk.ObjectAllocationSample weighted by its 'weight' (bytes the sample stands for), grouped by the first
  frame whose class contains --frame (default: the first frame outside java./jdk./sun.), with the object class;
  scaled so that the sampled bytes add up to the measured total (sample weights are estimates).
Prints one machine-readable line first: 'alloc_bytes_per_request N'."""
import argparse, collections, json, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("requests", type=int)
ap.add_argument("--top", type=int, default=25)
ap.add_argument("--frame", default="")
a = ap.parse_args()


def events(kind, depth=32):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", kind, a.file],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


first, last = {}, {}
for e in events("jdk.ThreadAllocationStatistics", 1):
    v = e["values"]
    tid = v["thread"]["javaThreadId"] if v.get("thread") else v.get("thread")
    t = e["values"]["startTime"]
    if tid not in first or t < first[tid][0]:
        first[tid] = (t, v["allocated"])
    if tid not in last or t > last[tid][0]:
        last[tid] = (t, v["allocated"])
# A thread seen only once started (or ended) during the recording: count what it had at the end.
total = sum(last[t][1] - (first[t][1] if first[t][0] != last[t][0] else 0) for t in last)
print(f"alloc_bytes_per_request {total / max(a.requests, 1):.0f}")
print(f"allocated {total / 1e6:.1f} MB for {a.requests} requests")

sites = collections.Counter()
weight = 0
seen = set()
for e in events("jdk.ObjectAllocationSample"):
    v = e["values"]
    # A thread's first sample weighs everything it allocated since before the recording: left out.
    tid = v["eventThread"]["javaThreadId"] if v.get("eventThread") else None
    if tid not in seen:
        seen.add(tid)
        continue
    st = v.get("stackTrace")
    w = v.get("weight", 0)
    weight += w
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] + ":"
              + str(f.get("lineNumber", "")) for f in (st["frames"] if st else [])]
    if a.frame:
        pick = next((f for f in frames if a.frame in f), frames[0] if frames else "?")
    else:
        pick = next((f for f in frames if not f.startswith(("java.", "jdk.", "sun."))), frames[0] if frames else "?")
    cls = v["objectClass"]["name"] if v.get("objectClass") else "?"
    sites[(pick, cls)] += w
print(f"sampled weight {weight / 1e6:.1f} MB; top sites (first non-JDK frame, class), share and bytes per request:")
for (site, cls), w in sites.most_common(a.top):
    share = w / max(weight, 1)
    print(f"{100.0 * share:5.1f}%  {share * total / max(a.requests, 1):7.0f} B  {site}  [{cls}]")
