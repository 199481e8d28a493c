#!/usr/bin/env bash
# Issue #7, reset propagation: clients hammer the data-plane listener with the current and the
# just-replaced token while resets run; counts accepts of a token whose reset had returned (must
# be 0) and prints reset latency p50/p99. Loopback only; the Tessera it starts stops with it.
#
#   benchmarks/reset-race.sh [seconds resets clients H2|POSTGRES [nodes]]     (default: 20 200 4 H2)
#   benchmarks/reset-race.sh 60 300 6 POSTGRES 3    # three nodes on one PostgreSQL, clients on every node
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS="${*:-20 200 4 H2}"
exec timeout --kill-after=15 "${TIME_LIMIT:-600}" \
    mvn -B -q test-compile exec:exec@reset-race -Dreset-race.args="$ARGS"
