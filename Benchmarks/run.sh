#!/usr/bin/env bash
# Measures plan validation and loading for the seed plan and synthetic plans of 10,000 and
# 100,000 tasks: wall time with hyperfine (median of several runs) and peak memory with
# /usr/bin/time -v (median of three). Writes the raw figures to Benchmarks/results/.
#
# Needs hyperfine (apt-get install hyperfine). Run from the package root: Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine"; exit 1; }

bin=$(Benchmarks/release-build.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p Benchmarks/results
out=Benchmarks/results/plans.md
: > "$out"

peak_kb() { # median peak RSS in KiB of three runs of the command
    for _ in 1 2 3; do
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
    done | sort -n | sed -n 2p
}

median() { # median wall time in seconds from a hyperfine JSON export
    python3 Benchmarks/median.py "$1"
}

bench() { # name, plan folder
    local name=$1 plans=$2 db="$work/$1.sqlite"
    hyperfine --warmup 1 --runs "${RUNS:-7}" --export-json "$work/validate.json" \
        "$bin plan validate $plans" >/dev/null
    hyperfine --runs "${RUNS:-7}" --prepare "rm -f $db $db-wal $db-shm" --export-json "$work/load.json" \
        "$bin plan load $plans --db $db" >/dev/null
    local validate_mem load_mem
    validate_mem=$(peak_kb "$bin" plan validate "$plans")
    rm -f "$db" "$db-wal" "$db-shm"
    load_mem=$(peak_kb sh -c "rm -f $db $db-wal $db-shm; $bin plan load $plans --db $db")
    {
        echo "### $name"
        echo "validate: median $(median "$work/validate.json") s, peak RSS ${validate_mem} KiB"
        echo "load:     median $(median "$work/load.json") s, peak RSS ${load_mem} KiB"
        echo
    } >> "$out"
}

bench seed plans
for n in 10000 100000; do
    "$bin" plan generate --tasks "$n" --seed 1 --output "$work/synthetic-$n" >/dev/null
    bench "synthetic-$n" "$work/synthetic-$n"
done

# Evaluation, one monthly dispatch, and a three-year daily simulation of the seed plan.
{
    echo "### evaluation and dispatch"
    for n in 100000 1000000; do "$bin" bench evaluate --tasks "$n" --runs 3; done
    for n in 100000 1000000; do "$bin" bench dispatch --tasks "$n"; done
    echo
    echo "### simulate the seed plan 2024-01-01 → 2026-12-31 (daily)"
    hyperfine --runs 3 --export-json "$work/simulate.json" \
        "$bin simulate --from 2024-01-01 --to 2026-12-31 --progress plans/demo/progress.csv" >/dev/null
    echo "simulate: median $(median "$work/simulate.json") s, peak RSS $(peak_kb "$bin" simulate --from 2024-01-01 --to 2026-12-31 --progress plans/demo/progress.csv) KiB"
} >> "$out"

# Delivery throughput: 10,000 queued messages to a local generic webhook without a rate limit,
# with the durable outbox on (every attempt recorded in SQLite).
python3 Tests/receiver/fake_robots.py --port 0 --webhook-secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw > "$work/receiver.out" 2>&1 &
receiver=$!
for _ in $(seq 50); do grep -q '^PORT ' "$work/receiver.out" && break; sleep 0.1; done
port=$(awk '/^PORT / {print $2; exit}' "$work/receiver.out")
{
    echo
    echo "### delivery"
    for c in 16 32; do "$bin" bench deliver --tasks 10000 --concurrency "$c" --url "http://127.0.0.1:$port/webhook/ok"; done
} >> "$out"
kill "$receiver"
cat "$out"
