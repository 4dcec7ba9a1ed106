#!/usr/bin/env bash
# A second RxFlow Hub as the peer of `bench/run.sh --compare`: another build (or the same one) on a port
# and database of its own, with its own in-JVM broker, delivering to the benchmark's pharmacy simulator.
# It checks the side-by-side harness, and compares two builds under the same load in one run:
#
#   bench/run.sh --rate 50 --duration 60 --warmup 240 --warmup-rate 60 \
#     --compare http://127.0.0.1:18090/fhir/r5 --compare-start "bench/peer-hub.sh /tmp/before.jar" \
#     --compare-ready http://127.0.0.1:18090/actuator/health/readiness --compare-db rxflow_bench_peer \
#     --compare-header "X-API-Key: peer-key" --compare-ok 200
#
# Arguments: JAR [PORT (18090)] [SIMULATOR URL (http://127.0.0.1:18081)] [--setting=value ...: the peer's
# own settings, e.g. --rxflow.outbox.wake-on-commit=false to compare a setting of one build]; PEER_DB names
# its database (rxflow_bench_peer: dropped and created here), BENCH_JVM_OPTS its JVM flags (as the hub's).
set -euo pipefail

JAR=${1:?usage: bench/peer-hub.sh JAR [PORT] [SIMULATOR_URL]}
PORT=${2:-18090}
SIM=${3:-http://127.0.0.1:18081}
shift $(($# < 3 ? $# : 3))
DB=${PEER_DB:-rxflow_bench_peer}
JVM_OPTS="${BENCH_JVM_OPTS:--Xms1g -Xmx2g -XX:+UseParallelGC}"
DATA="$(mktemp -d /tmp/rxflow-peer.XXXXXX)"
trap 'rm -rf "$DATA"' EXIT

psql -h 127.0.0.1 -p 5432 -U postgres -X -q -v ON_ERROR_STOP=1 -d postgres \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

# Not exec: the trap removes the data folder when the hub stops (run.sh stops the whole session).
# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
RXFLOW_KAFKA_BROKERS="" RXFLOW_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" RXFLOW_DB_USER=postgres \
  RXFLOW_API_KEYS=peer-key RXFLOW_DATA_DIR="$DATA" RXFLOW_SIMULATOR_ENABLED=false RXFLOW_SIMULATOR_URL="$SIM" \
  java $JVM_OPTS -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 "$@"
