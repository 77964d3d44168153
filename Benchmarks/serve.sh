#!/usr/bin/env bash
# Measures progress-report POSTs against `duban serve` (release build) on loopback with wrk:
# 64 connections, 2 threads, the scheduler and dispatcher running inside the server. Each run is
# followed by the same load against the floor (`duban serve --floor`: Hummingbird answering 201 to
# the same route and doing nothing else), so the figures have this machine's and the framework's
# ceiling beside them, wrk sharing the two cores in both. Prints and writes to
# Benchmarks/results/serve.md the requests a second and the p50/p99 latency of each run.
#
# Needs wrk (apt-get install wrk). Run from the package root: Benchmarks/serve.sh [RUNS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
runs=${1:-3}
seconds=${2:-20}

bin=$(Benchmarks/release-build.sh)
work=$(mktemp -d)
server=""
floor=""
trap '[[ -n "$server" ]] && kill -TERM "$server" 2>/dev/null; [[ -n "$floor" ]] && kill -TERM "$floor" 2>/dev/null; rm -rf "$work"' EXIT
export DUBAN_DB="$work/bench.sqlite"
# The plans loaded at the start of 2024 and every job since run once beforehand, so the server's
# scheduler ticks in steady state (nothing to catch up) while it takes the load; notices go to files
# in the scratch folder.
DUBAN_NOW=2024-01-01T08:00:00+08:00 "$bin" plan load >/dev/null
"$bin" tick >/dev/null
printf 'default: files\noffice: files\nchannels:\n  - id: files\n    type: file\n    folder: %s\n' "$work/notices" \
  > "$work/channels.yaml"
export DUBAN_NOTIFIERS="$work/channels.yaml"
"$bin" deliver --once >/dev/null
export TOKEN
TOKEN=$("$bin" token create --role department --department emergency --label bench 2>/dev/null)

"$bin" serve --port 0 --tick-seconds 1 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$')


"$bin" serve --floor --port 0 > "$work/floor.log" 2>&1 &
floor=$!
for _ in $(seq 100); do grep -q "listening on" "$work/floor.log" && break; sleep 0.1; done
floor_port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/floor.log" | grep -o '[0-9]*$')

mkdir -p Benchmarks/results
out=Benchmarks/results/serve.md
echo "| run | server | requests/s | p50 | p99 | non-2xx |" > "$out"
echo "|---|---|---|---|---|---|" >> "$out"
measure() {  # run, label, port
  wrk -t2 -c64 -d"${seconds}s" --latency -s Benchmarks/post-progress.lua \
    "http://127.0.0.1:$3/api/tasks/m26-2024-confined-space-census/progress" > "$work/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  bad=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt")
  echo "| $1 | $2 | $rps | $p50 | $p99 | ${bad:-0} |" | tee -a "$out"
}
for run in $(seq "$runs"); do
  measure "$run" "duban serve" "$port"
  measure "$run" "floor" "$floor_port"
done
kill -TERM "$floor"; wait "$floor" || true; floor=""
reports=$(sqlite3 "$DUBAN_DB" "SELECT COUNT(*) FROM progressReport" 2>/dev/null || echo "?")
echo "stored reports: $reports" | tee -a "$out"
kill -TERM "$server"; wait "$server" || true; server=""
