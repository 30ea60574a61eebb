#!/usr/bin/env bash
# HTTPS edge proxy vs nginx (TLS front end + proxy_pass) to the same nginx static-file backend, same run.
# Usage: [WARMUP=seconds] [ROUNDS=n] [EDGE_JAVA_OPTS=...] [ALLOC=0] bench/http/run.sh [duration-seconds] [connections]
# EDGE_JAVA_OPTS: the edge JVM's flags (default: the recommended configuration, see below).
# ALLOC=1 (default): a JFR recording of each edge round gives bytes allocated per request and the top allocation
# sites (bench/http/jfr-alloc.py; kept in $KEEP if set); ALLOC=0 runs without JFR.
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-15}; CONN=${2:-32}; THREADS=2; WARMUP=${WARMUP:-10}; ROUNDS=${ROUNDS:-2}
WORK=$(mktemp -d /tmp/collabedge-bench-http.XXXXXX); chmod 755 "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
BPORT=$(free_port); NPORT=$(free_port); EPORT=$(free_port)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# Build the edge classes and the bench main (no tests run).
mvn -q -B -o test-compile >/dev/null
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/bench-classes"
javac -q -d "$WORK/bench-classes" -cp "$CP" bench/http/BenchEdgeMain.java 2>/dev/null || \
  javac -d "$WORK/bench-classes" -cp "$CP" bench/http/BenchEdgeMain.java

# Backend: nginx serving a 1 KiB static file over plain HTTP.
mkdir -p "$WORK/www" "$WORK/logs"
head -c 1024 /dev/urandom | base64 -w0 | head -c 1024 > "$WORK/www/index.html"
chmod -R a+rX "$WORK/www"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000;
  upstream backend { server 127.0.0.1:$BPORT; keepalive 64; }
  server { listen 127.0.0.1:$BPORT; root $WORK/www; }
  server {
    listen 127.0.0.1:$NPORT ssl;
    ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / {
      proxy_pass http://backend/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto https;
    }
  }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' & PIDS+=($!); NGINX_MASTER=$!
# Recommended edge flags (bench/README.md "Collector and hand-over (0.4.0)", README.md "Running the edge: JVM
# options"): a fixed heap and ZGC, whose pauses do not grow with the heap or the load (G1 and ParallelGC young
# pauses reached 20-100 ms here under the other builders' load). Before 0.4.0: G1 with -Xmn512m.
EDGE_JAVA_OPTS=${EDGE_JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseZGC -XX:+AlwaysPreTouch"}
ALLOC=${ALLOC:-1}
echo "edge JVM: $EDGE_JAVA_OPTS"
# shellcheck disable=SC2086
java $EDGE_JAVA_OPTS -Xlog:gc,safepoint:file="$WORK/gc.log" -cp "$CP:$WORK/bench-classes" bench.BenchEdgeMain "$EPORT" > "$WORK/edge.log" 2>&1 & PIDS+=($!); EDGE_PID=$!
for i in $(seq 1 60); do grep -q "listening" "$WORK/edge.log" && break; sleep 0.5; done
sleep 1
curl -sk "https://127.0.0.1:$EPORT/bench/http/127.0.0.1/$BPORT/index.html" -o /dev/null -w "edge check: %{http_code}\n"; cat "$WORK/edge.log" | tail -5
curl -skf "https://127.0.0.1:$NPORT/index.html" -o /dev/null

EDGE_URL="https://127.0.0.1:$EPORT/bench/http/127.0.0.1/$BPORT/index.html"
NGINX_URL="https://127.0.0.1:$NPORT/index.html"
# The edge answering by itself (401 for an unknown deployment without credentials, no backend): the ceiling of
# Jetty + JSSE here.
LOCAL_URL="https://127.0.0.1:$EPORT/nosuch/http/h/1/x"
NGINX_WORKER=$(pgrep -P "$NGINX_MASTER" | head -1)
# CPU ticks (user+system, 1/100 s) and context switches of a process, summed over its threads: besides req/s these
# show what a request costs, which a shared, loaded machine disturbs much less than the rate.
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s+=$2} END {print s+0}'; }
measure() { # $1 url, $2 "edge" when the edge's JVM is in the path
  local e0 n0 c0 e1 n1 c1
  local g0 g1 jfr=""
  if [ "$2" = edge ] && [ "$ALLOC" = 1 ]; then
    jfr="$WORK/edge-$round-$who.jfr"
    jcmd "$EDGE_PID" JFR.start name=alloc settings=default filename="$jfr" >/dev/null
  fi
  g0=$(wc -l < "$WORK/gc.log")
  e0=$(ticks "$EDGE_PID"); n0=$(ticks "$NGINX_WORKER"); c0=$(switches "$EDGE_PID")
  wrk -t$THREADS -c$CONN -d${DUR}s --latency "$1" > "$WORK/wrk.txt"
  e1=$(ticks "$EDGE_PID"); n1=$(ticks "$NGINX_WORKER"); c1=$(switches "$EDGE_PID")
  g1=$(wc -l < "$WORK/gc.log")
  [ -n "$jfr" ] && jcmd "$EDGE_PID" JFR.stop name=alloc >/dev/null
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  total=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk.txt")
  errs=$(grep -E "Non-2xx|Socket errors" "$WORK/wrk.txt" | tr '\n' ' ' || true)
  # CPU per request of everything on the proxied path except wrk: the edge JVM (if used) and the nginx worker
  # (backend only in edge runs; front end and backend in nginx runs). Context switches: the edge JVM's.
  cpu=$(awk -v e=$((e1-e0)) -v n=$((n1-n0)) -v t="$total" -v w="$2" 'BEGIN{printf "%.0f", ((w=="edge"?e:0)+n)*10000/t}')
  cs=$(awk -v c=$((c1-c0)) -v t="$total" -v w="$2" 'BEGIN{printf "%.2f", (w=="edge"?c/t:0)}')
  # Collections of the edge during the round (distinct GC ids: young pauses for G1/Parallel, cycles for ZGC and
  # Shenandoah), the longest logged pause or allocation stall, and the longest safepoint of any kind (time to reach
  # it + time in it, which also covers the concurrent collectors' short pauses), from -Xlog:gc,safepoint.
  gcs=$(sed -n "$((g0+1)),${g1}p" "$WORK/gc.log" | awk '
    /GC\([0-9]+\) (Pause|Garbage Collection|Concurrent)/ {match($0, /GC\([0-9]+\)/); id=substr($0, RSTART, RLENGTH); if (!(id in seen)) {seen[id]=1; n++}}
    /(Pause|Allocation Stall).* [0-9.]+ms$/ {v=$NF; sub(/ms/,"",v); if (v+0>m) m=v+0}
    /Total: [0-9]+ ns/ {for (i=1;i<=NF;i++) if ($i=="Total:") {t=$(i+1)/1e6; if (t>s) s=t}}
    END {printf "%d/%.1f/%.1fms", n, m, s}')
  alloc=-
  if [ -n "$jfr" ]; then
    python3 bench/http/jfr-alloc.py "$jfr" "$total" > "$WORK/alloc-$round-$who.txt" 2>&1 || true
    alloc=$(awk '/^alloc_bytes_per_request/ {print $2}' "$WORK/alloc-$round-$who.txt")
    [ -n "${KEEP:-}" ] && mkdir -p "$KEEP" && cp "$jfr" "$WORK/alloc-$round-$who.txt" "$KEEP/"
  fi
  [ "$2" = edge ] || gcs=-
  echo "$rps $p50 $p99 $cpu $cs ${alloc:--} $gcs $errs"; }
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /ms$/) {sub(/ms/,"",v); print v} else if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else {sub(/s$/,"",v); print v*1000} }'; }

echo "warm-up (edge JIT) ..."; wrk -t$THREADS -c$CONN -d${WARMUP}s "$EDGE_URL" >/dev/null
echo "warm-up (nginx) ...";  wrk -t$THREADS -c$CONN -d3s "$NGINX_URL" >/dev/null
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-6s %-6s %10s %9s %9s %10s %8s %10s %12s %6s  %s\n" round proxy "req/s" "p50" "p99" "CPU us/req" "cs/req" "B/req" "GCs/max/sp" load "errors"
for round in $(seq 1 "$ROUNDS"); do
  for who in edge nginx local; do
    url=$EDGE_URL; [ $who = nginx ] && url=$NGINX_URL; [ $who = local ] && url=$LOCAL_URL
    jvm=edge; [ $who = nginx ] && jvm=none
    read -r rps p50 p99 cpu cs alloc gcs errs <<<"$(measure "$url" $jvm)"
    printf "%-6s %-6s %10s %9s %9s %10s %8s %10s %12s %6s  %s\n" $round $who "$rps" "$p50" "$p99" "$cpu" "$cs" "$alloc" "$gcs" "$(cut -d' ' -f1 /proc/loadavg)" "$errs"
    echo "$round $who $rps $(to_ms $p50) $(to_ms $p99) $cpu $cs ${alloc/-/0}" >> "$WORK/results.txt"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{rps[$2]+=$3; p99[$2]+=$5; cpu[$2]+=$6; cs[$2]+=$7; al[$2]+=$8; n[$2]++} END {
  er=rps["edge"]/n["edge"]; nr=rps["nginx"]/n["nginx"]; ep=p99["edge"]/n["edge"]; np=p99["nginx"]/n["nginx"];
  printf "mean: edge %.0f req/s p99 %.2f ms | nginx %.0f req/s p99 %.2f ms | ratio %.2f x nginx | added p99 %.2f ms\n",
    er, ep, nr, np, er/nr, ep-np;
  printf "CPU per request (edge JVM + backend nginx vs nginx front end + backend): %.0f vs %.0f us (%.2f x); edge context switches %.2f/req\n",
    cpu["edge"]/n["edge"], cpu["nginx"]/n["nginx"], cpu["nginx"]/cpu["edge"], cs["edge"]/n["edge"];
  printf "edge answering locally (401, no backend): %.0f req/s p99 %.2f ms, %.0f us CPU/req\n", rps["local"]/n["local"], p99["local"]/n["local"], cpu["local"]/n["local"];
  if (al["edge"] > 0) printf "edge JVM allocation per request: proxied %.0f B, answering locally %.0f B\n", al["edge"]/n["edge"], al["local"]/n["local"] }' "$WORK/results.txt"
if [ "$ALLOC" = 1 ]; then echo "top allocation sites, last proxied round:"; sed -n '2,20p' "$WORK/alloc-$ROUNDS-edge.txt"; fi
