#!/usr/bin/env bash
# How many concurrent TLS registrations one edge node holds, and heap per registration: starts the real SIP edge
# (BenchSipEdgeMain, N users of the edge-owned domain), measures its heap after a full GC, opens N TLS connections
# with TlsRegistrationsClient (NIO + SSLEngine, one registration per connection, CRLF keep-alives), measures again
# and prints (heap after - heap before) / N, the edge's threads and RSS, and the load average. Loopback only.
# With --per-connection K the client opens N / K connections and registers K different users over each (as a SIP
# proxy or SBC in front of the edge would); the figures are then also given per connection. At the end the edge
# prints what its registrar holds (SIGHUP to BenchSipEdgeMain) and the script checks it against the client's count.
#
#   bench/sip/tls-registrations.sh [--per-connection K] N [in-flight connections, default 200]
#
# See bench/README.md ("SIP: concurrent TLS registrations").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"
per=1
if [ "${1:-}" = "--per-connection" ]; then per="${2:?--per-connection K}"; shift 2; fi
n="${1:?number of registrations}"; inflight="${2:-200}"
[ "$per" -ge 1 ] && [ $(( n % per )) -eq 0 ] || { echo "N ($n) must be a multiple of --per-connection ($per)" >&2; exit 1; }
conns=$(( n / per ))
# Two descriptors per connection on this host (client and edge side), plus the JVMs' own.
# Raising the hard limit needs CAP_SYS_RESOURCE; without it the hard limit caps N (one descriptor per connection in
# each JVM, plus about 300 for the JVM itself: jars, selector, epoll).
need=$(( conns + 4096 ))
if [ "$(ulimit -Hn)" -lt "$need" ]; then
  ulimit -Hn "$need" 2>/dev/null || need=$(ulimit -Hn)
fi
[ "$(ulimit -n)" -lt "$need" ] && ulimit -n "$need"
if [ "$(ulimit -n)" -lt $(( conns + 300 )) ]; then
  echo "open files limit $(ulimit -n) (hard $(ulimit -Hn), not raisable here) is too low for $conns connections per JVM" >&2
  exit 1
fi
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

(cd "$root" && mvn -q -B -o test-compile >/dev/null && \
   mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
cp_="$root/target/classes:$root/target/test-classes:$(cat "$work/cp.txt")"
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$cp_" "$here/BenchSipEdgeMain.java" "$here/TlsRegistrationsClient.java"

# Kamailio is not needed here: port 9 (discard) is the unused internal server of bench.example.com.
java -Xms4g -Xmx4g -XX:+UseParallelGC ${EDGE_JAVA_OPTS:-} -cp "$cp_:$work/classes" bench.BenchSipEdgeMain 9 "$n" \
    > "$work/edge.log" 2>&1 &
edge=$!; pids+=($edge)
for _ in $(seq 1 120); do grep -q "^sip edge" "$work/edge.log" 2>/dev/null && break; sleep 0.5; done
tls=$(sed -n 's/^sip edge tls=\([0-9]*\) .*/\1/p' "$work/edge.log")
[ -n "$tls" ] || { tail -20 "$work/edge.log"; exit 1; }

heap1() { # used heap in KB after a full GC
  jcmd "$edge" GC.run >/dev/null; sleep 1
  jcmd "$edge" GC.heap_info | awk '/total/ && /used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K","",v); s+=v}} END {print s}'
}
heap() { # the least of three full-GC readings 2 s apart (one reading alone varied by tens of MB: work in flight)
  local a b c; a=$(heap1); sleep 2; b=$(heap1); sleep 2; c=$(heap1)
  echo "full-GC heap readings: $a $b $c KB" >&2
  printf '%s\n' "$a" "$b" "$c" | sort -n | head -1
}
threads() { awk '/^Threads:/ {print $2}' "/proc/$edge/status"; }
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$edge/status"; }
ticks() { awk '{print $14+$15}' "/proc/$edge/stat"; }

h0=$(heap); t0=$(threads); r0=$(rss); c0=$(ticks)
jcmd "$edge" GC.class_histogram > "$work/histo0.txt"
echo "edge pid $edge, TLS port $tls; before: heap ${h0} KB, ${t0} threads, RSS ${r0} KB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx6g -cp "$work/classes" bench.TlsRegistrationsClient --per-connection "$per" 127.0.0.1 "$tls" "$conns" \
    edge.bench.example.com 3600 "$inflight" \
    > "$work/client.log" 2>&1 &
client=$!; pids+=($client)
for _ in $(seq 1 7200); do
  grep -q "^registered" "$work/client.log" && break
  kill -0 "$client" 2>/dev/null || break
  sleep 0.5
done
cat "$work/client.log" | grep -v "^progress" || true
grep -q "^registered" "$work/client.log" || { echo "client did not finish"; tail -5 "$work/client.log"; exit 1; }
c1=$(ticks); sleep 2
h1=$(heap); t1=$(threads); r1=$(rss)
jcmd "$edge" GC.class_histogram > "$work/histo1.txt"
ok=$(sed -n 's/^registered \([0-9]*\) of.*/\1/p' "$work/client.log")
echo "after $ok registrations over $conns connections: heap ${h1} KB, ${t1} threads, RSS ${r1} KB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# What the edge's registrar holds (printed on SIGHUP, after the heap was read): must equal the client's count.
kill -HUP "$edge"
for _ in $(seq 1 60); do grep -q "^registrations" "$work/edge.log" && break; sleep 0.5; done
held=$(sed -n 's/^registrations \([0-9]*\) bindings.*/\1/p' "$work/edge.log" | tail -1)
echo "edge registrar: $(grep "^registrations" "$work/edge.log" | tail -1)"
[ "${held:-0}" -eq "$ok" ] && [ "$ok" -eq "$n" ] || echo "MISMATCH: client registered $ok of $n, edge holds ${held:-?} bindings"
python3 - "$h0" "$h1" "$t0" "$t1" "$r0" "$r1" "$ok" "$c0" "$c1" "$conns" <<'PY'
import sys
h0, h1, t0, t1, r0, r1, ok, c0, c1, conns = map(int, sys.argv[1:])
ok = max(ok, 1)
print(f"per registration: heap {(h1 - h0) / ok:.1f} KB, threads {(t1 - t0) / ok:.2f}, RSS {(r1 - r0) / ok:.1f} KB, "
      f"edge CPU {(c1 - c0) * 10000 / ok:.0f} us (REGISTER, 401, REGISTER, 200; plus the handshake when K = 1)")
if conns != ok:
    print(f"per connection ({ok / conns:.1f} registrations each): heap {(h1 - h0) / conns:.1f} KB, "
          f"RSS {(r1 - r0) / conns:.1f} KB, edge CPU {(c1 - c0) * 10000 / conns:.0f} us")
PY
# Where the heap per registration goes: the classes that grew most, in bytes per registration.
python3 - "$work/histo0.txt" "$work/histo1.txt" "$ok" <<'PY'
import sys, re
def read(f):
    d = {}
    for line in open(f):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            d[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return d
a, b, n = read(sys.argv[1]), read(sys.argv[2]), max(int(sys.argv[3]), 1)
grow = sorted(((b[k][1] - a.get(k, (0, 0))[1], b[k][0] - a.get(k, (0, 0))[0], k) for k in b), reverse=True)[:12]
print("largest growth per registration (bytes, instances, class):")
for bytes_, count, k in grow:
    print(f"  {bytes_ / n:8.0f}  {count / n:6.2f}  {k}")
PY
