#!/usr/bin/env bash
# Whole-pipeline benchmark of RxFlow Hub: one command, from the repository root or anywhere.
#
#   bench/run.sh                                # warm-up, then 60 s at 300/s
#   bench/run.sh --rate 400 --duration 60       # one measured run at a fixed arrival rate
#   bench/run.sh --step 100:100:1000            # step mode: raise the rate until HTTP p99 > 100 ms
#   bench/run.sh --rate 300 --jfr               # also record a JFR profile of the hub and print hot spots
#
# Options (all optional):
#   --rate N            arrival rate of the measured run, prescriptions/s           (300)
#   --duration S        seconds of the measured run                                 (60)
#   --step A:B:C        step mode: rates A, A+B, ... up to C; --step-duration S each (20)
#   --warmup S          seconds of warm-up before measuring (not reported; the JIT  (90)
#                       needs minutes on 2 busy cores: a 15 s warm-up left 23 s of compiling in the run)
#   --warmup-rate N     warm-up arrival rate                                        (100)
#   --burst N           measured runs send N requests at once, every N/rate seconds: the same
#                       average rate arriving in bursts (the warm-up stays even)             (1)
#   --drain-timeout S   longest wait for every accepted prescription to be delivered (180)
#   --port P            hub HTTP port (loopback)                                    (18080)
#   --sim-port P        the pharmacy simulator's HTTP port (its own JVM)            (18081)
#   --jfr               JFR profile of the hub over the measured run(s) + hot-spot summary
#   --async-profiler    CPU profile of the hub over the measured run(s) with async-profiler (sampling,
#                       light enough for a saturated hub, unlike JFR's profile settings): flat top
#                       frames in <run>/async-flat.txt, collapsed stacks in <run>/async.collapsed.
#                       The library comes from Maven Central (linux-x64 classifier); set
#                       ASYNC_PROFILER_LIB to a libasyncProfiler.so or let the script fetch it.
#   --pg-statements     the hub's SQL statements over the measured run(s), by total time, from
#                       pg_stat_statements (<run>/pg-statements.txt); needs the library preloaded:
#                       ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements' and a restart;
#                       their planning too with ALTER SYSTEM SET pg_stat_statements.track_planning = on
#   --broker-process    run the Kafka broker in a JVM of its own (same jars, StandaloneKafkaBroker) instead
#                       of inside the hub, and report its CPU apart (broker_cpu_us_per_rx in <run>.result)
#   --compare URL       a second system on this box, measured side by side in the same run: both get the
#                       same prescriptions as FHIR R5 transaction Bundles (the hub at /fhir/r5, the peer
#                       at URL, the same warm-up), measured runs alternate hub, peer (--rounds times),
#                       and a ratio table ends the results. Needs --compare-start or --compare-pid.
#   --compare-start CMD start the peer with this shell command (own session, stopped at the end)
#   --compare-pid PID   or measure a peer already running: PID and its descendants
#   --compare-ready URL wait until it answers before the warm-up (default: until URL accepts connections)
#   --compare-db NAME   the peer's database on this PostgreSQL: its backends are the peer's PostgreSQL CPU
#   --compare-ok LIST   the peer's HTTP statuses that mean accepted                   (200,201,202)
#   --compare-header H  one extra request header for the peer, "Name: value" (its credential, say)
#   --rounds N          with --compare: alternations of measured runs                (2)
#                       See docs/benchmarks.md, "Side by side with a peer"; bench/peer-hub.sh starts a
#                       second hub (another build) as the peer.
#   BENCH_JVM_OPTS      environment: the hub's JVM flags (-Xms1g -Xmx2g -XX:+UseParallelGC)
#   BENCH_JAR           environment: run this hub jar instead of building target/rxflow-hub.jar
#                       (compare two builds back to back: copy the "before" jar aside)
#   BENCH_DB            environment: the database to drop and create (rxflow_bench)
#
# What it does: builds target/rxflow-hub.jar when missing or older than the sources; drops and
# creates the database rxflow_bench on the local PostgreSQL (127.0.0.1:5432, user postgres, trust);
# starts the pharmacy simulator in a JVM of its own (so its CPU is not counted as the hub's) and the
# hub with the in-JVM Kafka broker, its pharmacies pointing at that simulator; warms up;
# runs bench/LoadGenerator.java (open loop); waits (bounded) until every accepted prescription is
# delivered; computes end-to-end latency and the exactly-once check in SQL and at the simulator;
# prints a results block (also kept in bench/results/<time>/) and stops the hub.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RATE=300
DURATION=60
STEP=""
STEP_DURATION=20
WARMUP=90
WARMUP_RATE=100
BURST=1
DRAIN_TIMEOUT=180
PORT=18080
SIM_PORT=18081
JFR=0
ASYNC=0
PG_STATEMENTS=0
BROKER_PROCESS=0
BROKER_PORT=18092
BROKER_PID=""
JVM_OPTS="${BENCH_JVM_OPTS:--Xms1g -Xmx2g -XX:+UseParallelGC}"
PHARMACIES="1234563,2345671,3456786"
DB="${BENCH_DB:-rxflow_bench}"
JAR="${BENCH_JAR:-target/rxflow-hub.jar}"
COMPARE=""
COMPARE_START=""
COMPARE_PID=""
COMPARE_READY=""
COMPARE_DB=""
COMPARE_OK="200,201,202"
COMPARE_HEADER=""
ROUNDS=2
PEER_PID=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --step) STEP="$2"; shift 2 ;;
    --step-duration) STEP_DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --warmup-rate) WARMUP_RATE="$2"; shift 2 ;;
    --burst) BURST="$2"; shift 2 ;;
    --drain-timeout) DRAIN_TIMEOUT="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --sim-port) SIM_PORT="$2"; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --async-profiler) ASYNC=1; shift ;;
    --pg-statements) PG_STATEMENTS=1; shift ;;
    --broker-process) BROKER_PROCESS=1; shift ;;
    --compare) COMPARE="$2"; shift 2 ;;
    --compare-start) COMPARE_START="$2"; shift 2 ;;
    --compare-pid) COMPARE_PID="$2"; shift 2 ;;
    --compare-ready) COMPARE_READY="$2"; shift 2 ;;
    --compare-db) COMPARE_DB="$2"; shift 2 ;;
    --compare-ok) COMPARE_OK="$2"; shift 2 ;;
    --compare-header) COMPARE_HEADER="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    -h|--help) sed -n '2,57p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -n "$COMPARE" ]]; then
  [[ -n "$COMPARE_START" || -n "$COMPARE_PID" ]] || { echo "--compare needs --compare-start or --compare-pid" >&2; exit 2; }
  [[ -z "$STEP" ]] || { echo "--compare runs fixed-rate runs only (no --step)" >&2; exit 2; }
fi
# With a peer both systems take the standard shape; alone, the hub takes its own envelope.
FORMAT=envelope
[[ -n "$COMPARE" ]] && FORMAT=transaction
HUB="http://127.0.0.1:${PORT}"
SIM="http://127.0.0.1:${SIM_PORT}"
RESULTS="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
DATA_DIR="$(mktemp -d /tmp/rxflow-bench.XXXXXX)"
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -X -q -v ON_ERROR_STOP=1)
HUB_PID=""
SIM_PID=""
mkdir -p "$RESULTS"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
sql() { "${PSQL[@]}" -d "$DB" -At -F '|' -c "$1"; }

# Stops the hub (graceful first: Camel waits for in-flight exchanges) and removes its data folder.
cleanup() {
  local rc=$?
  if [[ -n "$HUB_PID" ]] && kill -0 "$HUB_PID" 2>/dev/null; then
    log "stopping the hub (pid $HUB_PID)"
    kill -TERM "$HUB_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$HUB_PID" 2>/dev/null || true
  fi
  if [[ -n "$SIM_PID" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill -TERM "$SIM_PID" 2>/dev/null || true
  fi
  if [[ -n "$PEER_PID" ]] && kill -0 "$PEER_PID" 2>/dev/null; then
    log "stopping the peer (session $PEER_PID)"
    kill -TERM -- "-$PEER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PEER_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$PEER_PID" 2>/dev/null || true
  fi
  [[ -f "$DATA_DIR/peer.log" ]] && cp "$DATA_DIR/peer.log" "$RESULTS/peer.log"
  if [[ -n "$BROKER_PID" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then
    kill -TERM "$BROKER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 1; done
  fi
  [[ -f "$DATA_DIR/broker.log" ]] && cp "$DATA_DIR/broker.log" "$RESULTS/broker.log"
  [[ -f "$DATA_DIR/simulator.log" ]] && cp "$DATA_DIR/simulator.log" "$RESULTS/simulator.log"
  [[ -f "$DATA_DIR/hub.log" ]] && cp "$DATA_DIR/hub.log" "$RESULTS/hub.log"
  rm -rf "$DATA_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build, database, hub -----------------------------------------------------------------------

build_if_needed() {
  local jar=target/rxflow-hub.jar
  [[ -n "${BENCH_JAR:-}" ]] && { log "using $JAR (BENCH_JAR)"; return 0; }
  if [[ ! -f "$jar" ]] || [[ -n "$(find pom.xml src routes xslt config -newer "$jar" -type f -print -quit)" ]]; then
    log "building $jar (mvn -q -o -DskipTests package)"
    mvn -q -o -DskipTests package
  fi
}

fresh_database() {
  log "fresh database $DB"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
}

# The pharmacy simulator, apart from the hub: a fake remote party must not eat the hub's CPU budget.
start_simulator() {
  log "starting the pharmacy simulator on port $SIM_PORT (its own JVM)"
  java -Xms256m -Xmx512m -XX:+UseParallelGC -Dloader.main=io.rxflow.hub.simulator.StandaloneSimulator \
    -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher "$SIM_PORT" \
    >"$DATA_DIR/simulator.log" 2>&1 &
  SIM_PID=$!
  local deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$SIM/simulator/pharmacies/1234563/received" 2>/dev/null; do
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$DATA_DIR/simulator.log" >&2; echo "simulator exited" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "simulator not ready after 60 s" >&2; exit 1; }
    sleep 1
  done
}

# The Kafka broker apart from the hub (--broker-process): same jars, its own JVM and CPU account.
start_broker() {
  [[ "$BROKER_PROCESS" == 1 ]] || return 0
  log "starting the Kafka broker on port $BROKER_PORT (its own JVM)"
  java -Xms512m -Xmx1g -XX:+UseParallelGC -Dloader.main=io.rxflow.hub.config.StandaloneKafkaBroker \
    -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher "$DATA_DIR/broker" "$BROKER_PORT" \
    >"$DATA_DIR/broker.log" 2>&1 &
  BROKER_PID=$!
  local deadline=$((SECONDS + 120))
  until grep -q "Kafka broker ready" "$DATA_DIR/broker.log" 2>/dev/null; do
    kill -0 "$BROKER_PID" 2>/dev/null || { cat "$DATA_DIR/broker.log" >&2; echo "broker exited" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "broker not ready after 120 s" >&2; exit 1; }
    sleep 1
  done
}

start_hub() {
  log "starting the hub on port $PORT ($JVM_OPTS), data in $DATA_DIR"
  local brokers=""
  [[ "$BROKER_PROCESS" == 1 ]] && brokers="127.0.0.1:$BROKER_PORT"
  # shellcheck disable=SC2086 # JVM_OPTS is a list of flags
  RXFLOW_KAFKA_BROKERS="$brokers" RXFLOW_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" RXFLOW_DB_USER=postgres \
    RXFLOW_API_KEYS=bench-key RXFLOW_DATA_DIR="$DATA_DIR" RXFLOW_SIMULATOR_ENABLED=false \
    RXFLOW_SIMULATOR_URL="$SIM" \
    java $JVM_OPTS -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
    >"$DATA_DIR/hub.log" 2>&1 &
  HUB_PID=$!
  local deadline=$((SECONDS + 300))
  until curl -fsS -o /dev/null "$HUB/actuator/health/readiness" 2>/dev/null; do
    kill -0 "$HUB_PID" 2>/dev/null || { tail -40 "$DATA_DIR/hub.log" >&2; echo "hub exited" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "hub not ready after 300 s" >&2; exit 1; }
    sleep 1
  done
  log "hub ready (pid $HUB_PID)"
  # The harness's own bookkeeping lives in schema bench, apart from the hub's tables.
  sql "CREATE SCHEMA bench;
       CREATE TABLE bench.accepted (run text, id uuid PRIMARY KEY, pharmacy text, sent_at timestamptz,
                                    accepted_at timestamptz, http_us bigint);
       CREATE TABLE bench.received (message_id text);"
  curl -fsS -o /dev/null "$SIM/simulator/pharmacies/1234563/received" \
    || { echo "the pharmacy simulator does not answer at $SIM/simulator: cannot measure end to end" >&2; exit 1; }
}

# ---- measurements -------------------------------------------------------------------------------

# CPU counters: hub utime+stime (ticks), PostgreSQL (this database's backends and the server's own
# processes, ticks), machine busy and total (ticks, all cores).
cpu_snapshot() {
  local hub pg machine
  hub=$(sed 's/^.*) //' "/proc/$HUB_PID/stat" | awk '{print $12 + $13}')
  pg=0
  local peer_pg=0
  for p in $(pgrep -u postgres postgres || true); do
    local cmd
    cmd=$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) || continue
    local t
    t=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    # A backend's title names its database; skip backends of other databases (other engineers' tests).
    if [[ "$cmd" == *"127.0.0.1("* || "$cmd" == *"[local]"* ]] && [[ "$cmd" != *" $DB "* ]]; then
      [[ -n "$COMPARE_DB" && "$cmd" == *" $COMPARE_DB "* ]] && peer_pg=$((peer_pg + ${t:-0}))
      continue
    fi
    pg=$((pg + ${t:-0}))
  done
  machine=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
  sim=$(sed 's/^.*) //' "/proc/$SIM_PID/stat" | awk '{print $12 + $13}')
  broker=0
  [[ -n "$BROKER_PID" ]] && broker=$(sed 's/^.*) //' "/proc/$BROKER_PID/stat" | awk '{print $12 + $13}')
  echo "$hub $pg $machine $sim $broker $(peer_ticks) $peer_pg"
}

# The peer's processes: the session --compare-start made, or --compare-pid and its descendants.
peer_pids() {
  if [[ -n "$PEER_PID" ]]; then
    ps -e -o sid=,pid= | awk -v s="$PEER_PID" '$1 == s {print $2}'
  elif [[ -n "$COMPARE_PID" ]]; then
    ps -e -o pid=,ppid= | awk -v root="$COMPARE_PID" '
      {parent[$1] = $2} END {want[root] = 1; changed = 1
        while (changed) { changed = 0; for (p in parent) if (!(p in want) && (parent[p] in want)) { want[p] = 1; changed = 1 } }
        for (p in want) print p }'
  fi
}

peer_ticks() {
  local total=0 p t
  for p in $(peer_pids); do
    t=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    total=$((total + ${t:-0}))
  done
  echo "$total"
}

# Runs the generator for one run and loads its accepted ids into bench.accepted.
generate() { # label rate duration
  local label=$1 rate=$2 duration=$3
  java bench/LoadGenerator.java run --url "$HUB" --key bench-key --rate "$rate" --duration "$duration" \
    --format "$FORMAT" --burst "$BURST" \
    --pharmacies "$PHARMACIES" --fixtures src/test/resources/fixtures/intake/valid --label "$label" \
    --accepted "$RESULTS/$label.csv" --summary "$RESULTS/$label.properties" >&2
  sed "s/^/$label,/" "$RESULTS/$label.csv" \
    | "${PSQL[@]}" -d "$DB" -c "COPY bench.accepted FROM STDIN WITH (FORMAT csv)"
}

# Waits until no prescription of the run is still 'prepared' (or the drain timeout passes).
wait_drained() { # label
  local deadline=$((SECONDS + DRAIN_TIMEOUT)) pending
  while true; do
    pending=$(sql "SELECT count(*) FROM bench.accepted a JOIN prescription p USING (id)
                   WHERE a.run = '$1' AND p.status = 'prepared'")
    [[ "$pending" == 0 ]] && return 0
    ((SECONDS < deadline)) || { log "$1: $pending still 'prepared' after ${DRAIN_TIMEOUT}s"; return 0; }
    sleep 1
  done
}

# One results line of the run: HTTP figures from the generator, end-to-end and completeness in SQL.
summarise() { # label cpu_before cpu_after
  local label=$1 p
  p="$RESULTS/$label.properties"
  get() { sed -n "s/^$1=//p" "$p"; }
  read -r hub0 pg0 busy0 total0 sim0 broker0 _ <<<"$2"
  read -r hub1 pg1 busy1 total1 sim1 broker1 _ <<<"$3"
  local tck accepted
  tck=$(getconf CLK_TCK)
  accepted=$(get accepted)
  local hub_us pg_us busy sim_us broker_us
  broker_us=$(awk -v d=$((broker1 - broker0)) -v t="$tck" -v n="$accepted" 'BEGIN{printf "%.0f", n ? d*1e6/t/n : 0}')
  sim_us=$(awk -v d=$((sim1 - sim0)) -v t="$tck" -v n="$accepted" 'BEGIN{printf "%.0f", n ? d*1e6/t/n : 0}')
  hub_us=$(awk -v d=$((hub1 - hub0)) -v t="$tck" -v n="$accepted" 'BEGIN{printf "%.0f", n ? d*1e6/t/n : 0}')
  pg_us=$(awk -v d=$((pg1 - pg0)) -v t="$tck" -v n="$accepted" 'BEGIN{printf "%.0f", n ? d*1e6/t/n : 0}')
  busy=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN{printf "%.0f", t ? 100*b/t : 0}')
  # End to end: the Dispatched event (pharmacy accepted) minus the prescription's creation.
  local e2e
  e2e=$(sql "WITH r AS (
               SELECT p.id, p.status, p.created_at,
                      (SELECT count(*) FROM prescription_event e
                        WHERE e.prescription_id = p.id AND e.event_type = 'Dispatched') AS dispatched,
                      (SELECT min(e.occurred_at) FROM prescription_event e
                        WHERE e.prescription_id = p.id AND e.event_type = 'Dispatched') AS dispatched_at
                 FROM bench.accepted a JOIN prescription p USING (id) WHERE a.run = '$label'),
             l AS (SELECT extract(epoch FROM dispatched_at - created_at) * 1000 AS ms FROM r
                    WHERE dispatched_at IS NOT NULL)
             SELECT (SELECT count(*) FROM bench.accepted WHERE run = '$label'),
                    (SELECT count(*) FROM r),
                    (SELECT count(*) FROM r WHERE status = 'delivered'),
                    (SELECT count(*) FROM r WHERE dispatched = 1),
                    (SELECT count(*) FROM r WHERE dispatched > 1),
                    (SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM l),
                    (SELECT round(percentile_disc(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM l),
                    (SELECT round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM l),
                    (SELECT round(percentile_disc(0.999) WITHIN GROUP (ORDER BY ms)::numeric, 1) FROM l),
                    (SELECT round(max(ms)::numeric, 1) FROM l)")
  local ids stored delivered once twice e50 e90 e99 e999 emax
  IFS='|' read -r ids stored delivered once twice e50 e90 e99 e999 emax <<<"$e2e"
  {
    echo "run=$label"
    cat "$p"
    echo "stored=$stored"
    echo "delivered=$delivered"
    echo "one_dispatched_event=$once"
    echo "more_than_one_dispatched_event=$twice"
    echo "e2e_p50_ms=$e50"
    echo "e2e_p90_ms=$e90"
    echo "e2e_p99_ms=$e99"
    echo "e2e_p999_ms=$e999"
    echo "e2e_max_ms=$emax"
    echo "hub_cpu_us_per_rx=$hub_us"
    echo "postgres_cpu_us_per_rx=$pg_us"
    echo "simulator_cpu_us_per_rx=$sim_us"
    echo "broker_cpu_us_per_rx=$broker_us"
    echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "machine_busy_pct=$busy"
  } >"$RESULTS/$label.result"
  printf '| %-8s | %6s | %6s | %6s | %s | %6s | %6s | %6s | %7s | %7s | %6s | %6s | %7s | %6s | %5s | %5s | %5s | %4s%% | %5s |\n' \
    "$label" "$(get target_rate)" "$(get accepted_rate)" "$accepted" "$(get errors)" \
    "$(get http_p50_ms)" "$(get http_p90_ms)" "$(get http_p99_ms)" "$(get http_p999_ms)" "$(get http_max_ms)" \
    "$e50" "$e90" "$e99" "$emax" "$hub_us" "$pg_us" "$sim_us" "$busy" "$(get hub_heap_max_mb)" | tee -a "$RESULTS/table.md"
  [[ -n "$BROKER_PID" ]] && log "$label: Kafka broker (own process) $broker_us µs CPU per prescription"
  log "$label: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ "$delivered" == "$ids" && "$once" == "$ids" ]] \
    || log "$label: INCOMPLETE: accepted $ids, stored $stored, delivered $delivered, one Dispatched $once, more than one $twice"
}

table_header() {
  {
    echo '| run | rate/s | achieved/s | accepted | errors | HTTP p50 ms | p90 | p99 | p99.9 | max | e2e p50 ms | p90 | p99 | max | hub CPU µs/rx | PG CPU µs/rx | simulator CPU µs/rx | machine busy | heap max MB |'
    echo '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|'
  } | tee -a "$RESULTS/table.md"
}

# The hub's figures so far, "COMMITS PRESCRIPTIONS REFUSED": the intake's commits and the prescriptions
# they held (rxflow.intake.batch.size, its count and total), and the requests refused for want of a
# route thread (rxflow.http.refused; 0 for a hub without it).
intake_counters() {
  local batch refused
  batch=$(curl -fsS "$HUB/actuator/metrics/rxflow.intake.batch.size" 2>/dev/null \
    | grep -o '"statistic":"\(COUNT\|TOTAL\)","value":[0-9.E]*' | sed 's/.*://' | tr '\n' ' ')
  refused=$(curl -fsS "$HUB/actuator/metrics/rxflow.http.refused" 2>/dev/null \
    | grep -o '"value":[0-9.E]*' | head -1 | sed 's/.*://')
  echo "${batch:-0 0 } ${refused:-0}"
}

# One measured run: load, drain, summary line, and how the intake grouped its commits.
measured() { # label rate duration
  local before after batches0 batches1
  before=$(cpu_snapshot)
  batches0=$(intake_counters)
  generate "$1" "$2" "$3"
  wait_drained "$1"
  batches1=$(intake_counters)
  after=$(cpu_snapshot)
  summarise "$1" "$before" "$after"
  local c0 t0 r0 c1 t1 r1
  read -r c0 t0 r0 <<<"$batches0"
  read -r c1 t1 r1 <<<"$batches1"
  local grouping
  grouping=$(awk -v c="$c0" -v t="$t0" -v r="$r0" -v C="$c1" -v T="$t1" -v R="$r1" 'BEGIN{
        n = C - c; printf "intake_commits=%d\nintake_batch_mean=%.2f\nroute_refused=%d\n", n, n ? (T - t) / n : 0, R - r }')
  echo "$grouping" >>"$RESULTS/$1.result"
  log "$1: $(echo $grouping)"
}

# ---- the peer (--compare) -----------------------------------------------------------------------

start_peer() {
  [[ -n "$COMPARE" ]] || return 0
  if [[ -n "$COMPARE_START" ]]; then
    log "starting the peer: $COMPARE_START"
    setsid bash -c "$COMPARE_START" >"$DATA_DIR/peer.log" 2>&1 &
    PEER_PID=$!
  fi
  local deadline=$((SECONDS + 300)) ready="${COMPARE_READY:-$COMPARE}"
  # Any HTTP answer from the ready URL (or, by default, the endpoint itself) will do.
  until curl -sS -o /dev/null "$ready" 2>/dev/null && { [[ -z "$COMPARE_READY" ]] || curl -fsS -o /dev/null "$ready" 2>/dev/null; }; do
    if [[ -n "$PEER_PID" ]] && ! kill -0 "$PEER_PID" 2>/dev/null; then
      tail -40 "$DATA_DIR/peer.log" >&2; echo "the peer exited" >&2; exit 1
    fi
    ((SECONDS < deadline)) || { echo "the peer is not ready at $ready after 300 s" >&2; exit 1; }
    sleep 1
  done
  log "peer ready ($COMPARE; processes: $(peer_pids | tr '\n' ' '))"
}

# The same generator against the peer: its own answers, no prescription ids, no hub actuator.
generate_peer() { # label rate duration
  local header=()
  [[ -n "$COMPARE_HEADER" ]] && header=(--header "$COMPARE_HEADER")
  java bench/LoadGenerator.java run --url "$COMPARE" --path "" --key "" "${header[@]}" --rate "$2" --duration "$3" \
    --format transaction --ok-status "$COMPARE_OK" --require-id false --heap-sample false \
    --burst "$([[ $1 == peer-warmup ]] && echo 1 || echo "$BURST")" \
    --pharmacies "$PHARMACIES" --fixtures src/test/resources/fixtures/intake/valid --label "$1" \
    --accepted "$RESULTS/$1.csv" --summary "$RESULTS/$1.properties" >&2
}

# Messages the simulator has received in all (the peer's deliveries, if it sends there, included):
# its per-pharmacy "count", read with curl (polled every second, so no JVM per call).
sim_received_total() {
  local total=0 id n
  for id in ${PHARMACIES//,/ }; do
    n=$(curl -fsS "$SIM/simulator/pharmacies/$id/received" | grep -o '"count" *: *[0-9]*' | grep -o '[0-9]*$')
    total=$((total + ${n:-0}))
  done
  echo "$total"
}

# Until the simulator's count stops growing for 3 s (the peer's deliveries landed), bounded.
wait_peer_settled() {
  local deadline=$((SECONDS + DRAIN_TIMEOUT)) last now stable=0
  last=$(sim_received_total)
  while ((SECONDS < deadline && stable < 3)); do
    sleep 1
    now=$(sim_received_total)
    if [[ "$now" == "$last" ]]; then stable=$((stable + 1)); else stable=0; last=$now; fi
  done
}

# One measured peer run: HTTP figures from the generator, CPU of its processes and of its database.
measured_peer() { # label rate duration
  local before after sim0 sim1
  sim0=$(sim_received_total)
  before=$(cpu_snapshot)
  generate_peer "$1" "$2" "$3"
  wait_peer_settled
  after=$(cpu_snapshot)
  sim1=$(sim_received_total)
  local p="$RESULTS/$1.properties" tck accepted
  get() { sed -n "s/^$1=//p" "$p"; }
  tck=$(getconf CLK_TCK)
  accepted=$(get accepted)
  local peer_us peer_pg_us busy
  read -r _ _ busy0 total0 _ _ peer0 peerpg0 <<<"$before"
  read -r _ _ busy1 total1 _ _ peer1 peerpg1 <<<"$after"
  peer_us=$(awk -v d=$((peer1 - peer0)) -v t="$tck" -v n="$accepted" 'BEGIN{printf "%.0f", n ? d*1e6/t/n : 0}')
  peer_pg_us=$(awk -v d=$((peerpg1 - peerpg0)) -v t="$tck" -v n="$accepted" 'BEGIN{printf "%.0f", n ? d*1e6/t/n : 0}')
  busy=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) 'BEGIN{printf "%.0f", t ? 100*b/t : 0}')
  {
    echo "run=$1"
    cat "$p"
    echo "peer_cpu_us_per_rx=$peer_us"
    echo "peer_postgres_cpu_us_per_rx=$peer_pg_us"
    echo "simulator_received_during_run=$((sim1 - sim0))"
    echo "machine_busy_pct=$busy"
  } >"$RESULTS/$1.result"
  printf '| %-8s | %6s | %6s | %6s | %s | %6s | %6s | %6s | %7s | %7s | %6s | %6s | %7s | %6s | %5s | %5s | %5s | %4s%% | %5s |\n' \
    "$1" "$(get target_rate)" "$(get accepted_rate)" "$accepted" "$(get errors)" \
    "$(get http_p50_ms)" "$(get http_p90_ms)" "$(get http_p99_ms)" "$(get http_p999_ms)" "$(get http_max_ms)" \
    "–" "–" "–" "–" "$peer_us" "$peer_pg_us" "–" "$busy" "–" | tee -a "$RESULTS/table.md"
  log "$1: the simulator received $((sim1 - sim0)) messages during the peer's run (its deliveries, if it sends there)"
}

# Peer against hub, round by round: CPU per accepted prescription (process + its database) and HTTP p99.
compare_table() {
  [[ -n "$COMPARE" ]] || return 0
  {
    echo
    echo "Side by side ($FORMAT Bundles, ${RATE}/s for ${DURATION}s each; CPU = process + its PostgreSQL backends, µs per accepted prescription):"
    echo
    echo '| round | hub CPU | peer CPU | peer / hub | hub HTTP p99 ms | peer HTTP p99 ms | hub accepted | peer accepted |'
    echo '|---|---|---|---|---|---|---|---|'
    local r h pr hc pc
    for ((r = 1; r <= ROUNDS; r++)); do
      h="$RESULTS/hub$r.result"; pr="$RESULTS/peer$r.result"
      hc=$(awk -F= '/^hub_cpu_us_per_rx=/{a=$2} /^postgres_cpu_us_per_rx=/{b=$2} END{print a+b}' "$h")
      pc=$(awk -F= '/^peer_cpu_us_per_rx=/{a=$2} /^peer_postgres_cpu_us_per_rx=/{b=$2} END{print a+b}' "$pr")
      printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$r" "$hc" "$pc" \
        "$(awk -v a="$pc" -v b="$hc" 'BEGIN{printf "%.2f", b ? a/b : 0}')" \
        "$(sed -n 's/^http_p99_ms=//p' "$h")" "$(sed -n 's/^http_p99_ms=//p' "$pr")" \
        "$(sed -n 's/^accepted=//p' "$h")" "$(sed -n 's/^accepted=//p' "$pr")"
    done
    echo
    echo "The hub's PostgreSQL figure includes the server's own processes (checkpointer, WAL writer); the peer's"
    echo "counts only its database's backends (--compare-db)."
  } | tee -a "$RESULTS/table.md"
}

# Every prescription the hub accepted in this process's life, checked at the simulator and in SQL.
exactly_once() {
  java bench/LoadGenerator.java received --url "$SIM" --pharmacies "$PHARMACIES" \
    --out "$RESULTS/received.txt" | tee "$RESULTS/received.properties"
  "${PSQL[@]}" -d "$DB" -c "COPY bench.received FROM STDIN" <"$RESULTS/received.txt"
  local row
  row=$(sql "SELECT (SELECT count(*) FROM bench.accepted),
                    (SELECT count(*) FROM prescription),
                    (SELECT count(*) FROM prescription WHERE status = 'delivered'),
                    (SELECT count(DISTINCT message_id) FROM bench.received),
                    (SELECT count(*) FROM bench.received r JOIN prescription p ON p.newrx_message_id = r.message_id),
                    (SELECT count(*) FROM (SELECT prescription_id FROM prescription_event
                                            WHERE event_type = 'Dispatched' GROUP BY 1 HAVING count(*) = 1) x),
                    (SELECT count(*) FROM (SELECT prescription_id FROM prescription_event
                                            WHERE event_type = 'Dispatched' GROUP BY 1 HAVING count(*) > 1) x),
                    (SELECT count(*) FROM outbox WHERE published_at IS NULL),
                    (SELECT string_agg(status || '=' || n, ',') FROM
                       (SELECT status, count(*) n FROM prescription GROUP BY 1 ORDER BY 1) s)")
  local acc stored deliv simids matched once more unpub statuses dups
  IFS='|' read -r acc stored deliv simids matched once more unpub statuses <<<"$row"
  dups=$(sed -n 's/^sim_duplicates=//p' "$RESULTS/received.properties")
  local verdict=PASS others=0
  # With a peer sending to the same simulator, its messages are there too: count the hub's only.
  [[ -n "$COMPARE" ]] && others=$((simids - matched)) && simids=$matched
  [[ "$acc" == "$stored" && "$acc" == "$deliv" && "$acc" == "$simids" && "$acc" == "$matched" \
     && "$acc" == "$once" && "$more" == 0 && "$dups" == 0 && "$unpub" == 0 ]] || verdict=FAIL
  {
    echo
    echo "Exactly once, over every prescription accepted since the hub started (warm-up included):"
    echo "  accepted by the generator (201)        $acc"
    echo "  rows in prescription                   $stored   ($statuses)"
    echo "  delivered                              $deliv"
    echo "  distinct NewRx MessageIDs at simulator $simids   (matching a prescription: $matched)"
    [[ -n "$COMPARE" ]] && echo "  other systems' messages at simulator   $others   (not checked)"
    echo "  simulator duplicates                   $dups"
    echo "  exactly one Dispatched event           $once   (more than one: $more)"
    echo "  outbox rows not published              $unpub"
    echo "  => $verdict"
  } | tee "$RESULTS/exactly-once.txt"
}

jfr_start() {
  [[ "$JFR" == 1 ]] || return 0
  jcmd "$HUB_PID" JFR.start name=bench settings=profile filename="$RESULTS/hub.jfr" >/dev/null
  log "JFR recording to $RESULTS/hub.jfr"
}

jfr_stop() {
  [[ "$JFR" == 1 ]] || return 0
  jcmd "$HUB_PID" JFR.stop name=bench >/dev/null
  java bench/JfrTop.java "$RESULTS/hub.jfr" 30 | tee "$RESULTS/hot-spots.txt"
  jfr summary "$RESULTS/hub.jfr" >"$RESULTS/jfr-summary.txt"
}

# async-profiler from Maven Central (tools.profiler:async-profiler:4.1, classifier linux-x64), loaded
# into the running hub by bench/AgentLoad.java (the attach API; jcmd cuts the options): the profile covers the measured runs only.
async_lib() {
  [[ -n "${ASYNC_PROFILER_LIB:-}" ]] && { echo "$ASYNC_PROFILER_LIB"; return 0; }
  local jar="$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1-linux-x64.jar"
  [[ -f "$jar" ]] || mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 >&2
  mkdir -p "$DATA_DIR/async-profiler"
  (cd "$DATA_DIR/async-profiler" && unzip -o -q "$jar" linux-x64/libasyncProfiler.so)
  echo "$DATA_DIR/async-profiler/linux-x64/libasyncProfiler.so"
}

async_start() {
  [[ "$ASYNC" == 1 ]] || return 0
  ASYNC_LIB=$(async_lib)
  java bench/AgentLoad.java "$HUB_PID" "$ASYNC_LIB" "start,event=cpu,interval=1ms" >/dev/null
  log "async-profiler started (cpu, 1 ms)"
}

async_stop() {
  [[ "$ASYNC" == 1 ]] || return 0
  java bench/AgentLoad.java "$HUB_PID" "$ASYNC_LIB" "dump,flat=60,traces=0,file=$RESULTS/async-flat.txt"
  java bench/AgentLoad.java "$HUB_PID" "$ASYNC_LIB" "stop,collapsed,file=$RESULTS/async.collapsed"
  log "async-profiler: $RESULTS/async-flat.txt, $RESULTS/async.collapsed"
}

pg_statements_start() {
  [[ "$PG_STATEMENTS" == 1 ]] || return 0
  [[ "$(sql "SHOW shared_preload_libraries")" == *pg_stat_statements* ]] \
    || { echo "--pg-statements: pg_stat_statements is not in shared_preload_libraries (see --help)" >&2; exit 2; }
  sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();" >/dev/null
}

pg_statements_stop() {
  [[ "$PG_STATEMENTS" == 1 ]] || return 0
  # plans and plan_ms stay 0 unless pg_stat_statements.track_planning is on (plans close to calls: a
  # statement planned again on every run; docs/architecture.md, "A sql: step on a path every message takes").
  "${PSQL[@]}" -d "$DB" -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms,
         round((total_exec_time / calls * 1000)::numeric, 0) AS us_per_call, rows,
         plans, round(total_plan_time::numeric, 0) AS plan_ms,
         left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
   WHERE d.datname = current_database() AND query NOT LIKE '%bench.%' AND query NOT LIKE '%pg_stat_statements%'
   ORDER BY total_exec_time DESC LIMIT 30" | tee "$RESULTS/pg-statements.txt"
}

# ---- the run ------------------------------------------------------------------------------------

log "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
build_if_needed
fresh_database
start_simulator
start_broker
start_hub
start_peer

log "warm-up: ${WARMUP}s at ${WARMUP_RATE}/s (not reported)"
java bench/LoadGenerator.java run --url "$HUB" --key bench-key --rate "$WARMUP_RATE" --duration "$WARMUP" \
  --format "$FORMAT" --pharmacies "$PHARMACIES" --label warmup --accepted "$RESULTS/warmup.csv" >&2
sed 's/^/warmup,/' "$RESULTS/warmup.csv" | "${PSQL[@]}" -d "$DB" -c "COPY bench.accepted FROM STDIN WITH (FORMAT csv)"
wait_drained warmup
if [[ -n "$COMPARE" ]]; then
  log "peer warm-up: ${WARMUP}s at ${WARMUP_RATE}/s (not reported)"
  generate_peer peer-warmup "$WARMUP_RATE" "$WARMUP"
  wait_peer_settled
fi

# Production's PostgreSQL vacuums and analyzes as tables change; a server with autovacuum off (this
# project's build machines) never does, so plans stay those made on empty tables and every row
# published or moved stays in its indexes. Start the measured runs from the state autovacuum keeps.
if [[ "$(sql "SHOW autovacuum")" != on ]]; then
  log "autovacuum is off on this server: VACUUM ANALYZE of $DB after the warm-up (none during the runs)"
fi
sql "VACUUM ANALYZE" >/dev/null
# The peer's database gets the same (it lives on the same server, autovacuum off or on alike).
[[ -n "$COMPARE_DB" ]] && "${PSQL[@]}" -d "$COMPARE_DB" -c "VACUUM ANALYZE" >/dev/null

# The hub's own background CPU with no load (broker, relay polls, consumers): subtract it mentally
# from the per-prescription figures at low rates, where it weighs most.
idle0=$(cpu_snapshot)
sleep 10
idle1=$(cpu_snapshot)
IDLE_MS_PER_S=$(awk -v a="${idle0%% *}" -v b="${idle1%% *}" -v t="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f", (b-a)*1000/t/10}')
echo "Hub idle CPU after warm-up: ${IDLE_MS_PER_S} ms per second" | tee "$RESULTS/idle.txt"

table_header
jfr_start
async_start
pg_statements_start
if [[ -n "$COMPARE" ]]; then
  for ((round = 1; round <= ROUNDS; round++)); do
    log "round $round: hub ${DURATION}s at ${RATE}/s"
    measured "hub$round" "$RATE" "$DURATION"
    log "round $round: peer ${DURATION}s at ${RATE}/s"
    measured_peer "peer$round" "$RATE" "$DURATION"
  done
elif [[ -z "$STEP" ]]; then
  log "measured run: ${DURATION}s at ${RATE}/s$( ((BURST > 1)) && echo ", in bursts of $BURST")"
  measured "r$RATE" "$RATE" "$DURATION"
else
  IFS=: read -r from by to <<<"$STEP"
  KNEE="none below $from/s"
  for ((r = from; r <= to; r += by)); do
    log "step: ${STEP_DURATION}s at ${r}/s (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
    measured "s$r" "$r" "$STEP_DURATION"
    p99=$(sed -n 's/^http_p99_ms=//p' "$RESULTS/s$r.properties")
    errors=$(sed -n 's/^errors=//p' "$RESULTS/s$r.properties")
    if [[ "$p99" == "n/a" ]] || awk -v p="$p99" 'BEGIN{exit !(p > 100)}' || ((errors > 0)); then
      log "knee passed at $r/s (HTTP p99 $p99 ms, errors $errors)"
      break
    fi
    KNEE="$r/s"
  done
  echo "Knee (highest step with HTTP p99 <= 100 ms and no errors): $KNEE" | tee -a "$RESULTS/table.md"
fi
pg_statements_stop
jfr_stop
async_stop
exactly_once
compare_table
log "load after: $(cut -d' ' -f1-3 /proc/loadavg); results in $RESULTS"
