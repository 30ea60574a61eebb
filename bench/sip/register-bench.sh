#!/usr/bin/env bash
# REGISTER throughput over persistent connections: SIPp (digest REGISTERs over one TCP connection, -t t1, or one
# connection per call, -t tn) straight to Kamailio, and through the edge when its address is given. Prints
# registrations/s for each target and the edge/Kamailio ratio. Loopback only. See bench/README.md ("SIP").
#
#   bench/sip/register-bench.sh [--edge HOST:PORT] [--edge-tls] [--edge-domain DOMAIN] [--users N]
#                               [--registrations N] [--rate N] [--limit N] [--transport t1|tn] [--children N]
#   bench/sip/register-bench.sh --start-edge [--rounds N] [--jfr FILE] [--edge-tls] [...]
#
# --start-edge builds this worktree and runs the real SIP edge (bench/sip/BenchSipEdgeMain.java) with
# bench.example.com on internal call control (this run's Kamailio, over TCP) and the edge-owned domain
# edge.bench.example.com, then measures per round: Kamailio direct, edge -> Kamailio, and the edge's own registrar;
# it also prints the CPU time per registration of the edge JVM and of Kamailio (from /proc, robust to a loaded
# machine). --jfr FILE records a JFR profile of the edge for the whole run.
#
# Through the edge, the users user0001.. must exist in the edge's user directory with the SIP secret printed by
# --print-users (set them on the SIP secrets page or with the edge's tooling), and the edge domain must be served by
# the edge (registrar) or routed to this run's Kamailio (its address is printed at start-up). --edge-tls puts
# stunnel (client mode) in front of SIPp, which is built without TLS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

edge=""; edge_tls=0; domain="bench.example.com"; users=100; registrations=20000; rate=5000; limit=200
transport="t1"; children=2; print_users=0; start_edge=0; rounds=1; jfr=""
while [ $# -gt 0 ]; do
  case "$1" in
    --edge) edge="$2"; shift 2 ;;
    --edge-tls) edge_tls=1; shift ;;
    --edge-domain) domain="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --registrations) registrations="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --transport) transport="$2"; shift 2 ;;
    --children) children="$2"; shift 2 ;;
    --print-users) print_users=1; shift ;;
    --start-edge) start_edge=1; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --jfr) jfr="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$transport" in t1|tn) ;; *) echo "--transport is t1 or tn" >&2; exit 2 ;; esac

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

# SIPp refuses to start when -max_socket exceeds the open-files limit (it matters for -t tn).
max_socket=$(( $(ulimit -n) > 60200 ? 60000 : $(ulimit -n) - 200 ))

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Users and their secrets: deterministic, so an edge can be provisioned once and reused.
csv="$work/users.csv"; echo "SEQUENTIAL" > "$csv"; : > "$work/passwords.cfg"
for i in $(seq 1 "$users"); do
  u=$(printf 'user%04d' "$i"); pw="Bench-Secret-$i-x"
  echo "$u;[authentication username=$u password=$pw]" >> "$csv"
  echo "    \$sht(pw=>$u) = \"$pw\";" >> "$work/passwords.cfg"
  [ "$print_users" = 1 ] && echo "$u $pw"
done
[ "$print_users" = 1 ] && exit 0

# Kamailio, the internal registrar.
kport=$(free_port)
sed -e "s|@PORT@|$kport|g" -e "s|@MODULES@|/usr/lib/x86_64-linux-gnu/kamailio/modules|" \
    -e "s|@CHILDREN@|$children|g" -e "s|@PASSWORDS_FILE@|$work/passwords.cfg|" \
    "$here/kamailio.cfg.in" > "$work/kamailio.cfg"
kamailio -DD -E -f "$work/kamailio.cfg" -Y "$work" -m 64 -M 8 > "$work/kamailio.log" 2>&1 &
kam_pid=$!; pids+=($kam_pid)
for _ in $(seq 1 50); do
  if sipp -v >/dev/null 2>&1 && (exec 3<>/dev/tcp/127.0.0.1/"$kport") 2>/dev/null; then break; fi; sleep 0.1
done
echo "Kamailio on 127.0.0.1:$kport (tcp+udp), $children children per transport, $users users"

# One SIPp run: prints "<successful> <failed> <seconds>".
run_sipp() {
  local host="$1" port="$2" name="$3" t0 t1 last
  t0=$(date +%s.%N)
  sipp "$host:$port" -sf "$here/register.xml" -inf "$csv" -key domain "$domain" -t "$transport" \
      -i 127.0.0.1 -p "$(free_port)" -m "$registrations" -r "$rate" -l "$limit" -nostdin -max_socket "$max_socket" \
      -timeout 120s -timeout_error -trace_stat -stf "$work/$name.csv" -fd 1 > "$work/$name.out" 2>&1 || true
  t1=$(date +%s.%N)
  last=$(tail -n 1 "$work/$name.csv")
  python3 - "$work/$name.csv" "$t0" "$t1" <<'PY'
import sys
rows = [l.rstrip("\n").split(";") for l in open(sys.argv[1]) if l.strip()]
head, last = rows[0], rows[-1]
col = {h: i for i, h in enumerate(head)}
print(last[col["SuccessfulCall(C)"]], last[col["FailedCall(C)"]], float(sys.argv[3]) - float(sys.argv[2]))
PY
}

# CPU ticks (1/100 s, user + system) of a process and its children's threads, to report CPU time per registration.
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
kpids() { echo "$kam_pid" $(pgrep -P "$kam_pid" || true); }

report() { # name successful failed seconds [cpu-ticks]
  python3 -c "import sys; n,s,f,t=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),float(sys.argv[4]); c=sys.argv[5] if len(sys.argv)>5 else ''; \
cpu=f'  CPU {int(c)*10000/max(s,1):6.0f} us/registration' if c else ''; \
print(f'{n:16s} {s:7d} ok {f:5d} failed in {t:6.2f} s = {s/t:8.0f} registrations/s ({2*s/t:8.0f} REGISTER requests/s){cpu}')" "$@"
}

if [ "$start_edge" = 1 ]; then
  root="$(cd "$here/../.." && pwd)"
  (cd "$root" && mvn -q -B -o test-compile >/dev/null && \
     mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null)
  cp_="$root/target/classes:$root/target/test-classes:$(cat "$work/cp.txt")"
  mkdir -p "$work/bench-classes"
  javac -d "$work/bench-classes" -cp "$cp_" "$here/BenchSipEdgeMain.java"
  jfr_opt=()
  [ -n "$jfr" ] && jfr_opt=("-XX:StartFlightRecording=filename=$jfr,settings=profile,dumponexit=true")
  java -Xms1g -Xmx1g -XX:+UseParallelGC ${EDGE_JAVA_OPTS:-} "${jfr_opt[@]}" -cp "$cp_:$work/bench-classes" bench.BenchSipEdgeMain \
      "$kport" "$users" > "$work/edge.log" 2>&1 &
  edge_pid=$!; pids+=($edge_pid)
  for _ in $(seq 1 120); do grep -q "^sip edge" "$work/edge.log" 2>/dev/null && break; sleep 0.5; done
  grep "^sip edge" "$work/edge.log" || { tail -20 "$work/edge.log"; exit 1; }
  etls=$(sed -n 's/^sip edge tls=\([0-9]*\) .*/\1/p' "$work/edge.log")
  etcp=$(sed -n 's/^sip edge .*tcp=\([0-9]*\) .*/\1/p' "$work/edge.log")
  if [ "$edge_tls" = 1 ]; then edge="127.0.0.1:$etls"; else edge="127.0.0.1:$etcp"; fi
fi

ehost=""; eport=""
if [ -n "$edge" ]; then
  ehost="${edge%:*}"; eport="${edge##*:}"
  if [ "$edge_tls" = 1 ]; then
    sport=$(free_port)
    printf 'foreground = yes\npid =\n[sip]\nclient = yes\naccept = 127.0.0.1:%s\nconnect = %s:%s\nverifyChain = no\n' \
        "$sport" "$ehost" "$eport" > "$work/stunnel.conf"
    stunnel4 "$work/stunnel.conf" > "$work/stunnel.log" 2>&1 &
    pids+=($!)
    sleep 1
    ehost=127.0.0.1; eport=$sport
  fi
fi

echo "SIPp -t $transport, $registrations registrations, rate limit $rate/s, at most $limit at once; load average $(cut -d' ' -f1-3 /proc/loadavg)"
k_fail=0
for round in $(seq 1 "$rounds"); do
  [ "$rounds" -gt 1 ] && echo "round $round (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  c0=$(ticks $(kpids))
  read -r k_ok k_fail k_s < <(run_sipp 127.0.0.1 "$kport" kamailio)
  report kamailio "$k_ok" "$k_fail" "$k_s" $(( $(ticks $(kpids)) - c0 ))
  if [ -n "$edge" ]; then
    c0=$(ticks $(kpids)); e0=$([ -n "${edge_pid:-}" ] && ticks "$edge_pid" || echo 0)
    read -r e_ok e_fail e_s < <(run_sipp "$ehost" "$eport" edge)
    if [ -n "${edge_pid:-}" ]; then
      report "edge->kamailio" "$e_ok" "$e_fail" "$e_s" $(( $(ticks "$edge_pid") - e0 ))
      echo "                 (Kamailio behind the edge: CPU $(( ($(ticks $(kpids)) - c0) * 10000 / (e_ok > 0 ? e_ok : 1) )) us/registration)"
    else
      report edge "$e_ok" "$e_fail" "$e_s"
    fi
    python3 -c "import sys; k=int(sys.argv[1])/float(sys.argv[2]); e=int(sys.argv[3])/float(sys.argv[4]); \
print(f'edge / kamailio = {e/k:.2f}')" "$k_ok" "$k_s" "$e_ok" "$e_s"
    if [ "$start_edge" = 1 ]; then
      e0=$(ticks "$edge_pid")
      read -r r_ok r_fail r_s < <(domain=edge.bench.example.com run_sipp "$ehost" "$eport" edge-registrar)
      report "edge registrar" "$r_ok" "$r_fail" "$r_s" $(( $(ticks "$edge_pid") - e0 ))
    fi
  fi
done
if [ "$k_fail" != 0 ]; then echo "Kamailio failures: see SIPp output"; tail -5 "$work/kamailio.out" 2>/dev/null || true; fi
