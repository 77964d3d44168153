#!/usr/bin/env bash
# SQLite and PostgreSQL side by side, in one run on this machine (release build):
#   - load of a synthetic plan of 100,000 tasks, then one monthly dispatch of it (`duban bench dispatch`);
#   - 10,000 messages delivered to a local webhook receiver by 1 and by 3 dispatchers (`duban bench deliver`);
#   - progress-report POSTs at 64 clients (wrk) against 1 and 3 `duban serve` instances on one store.
# PostgreSQL is a throwaway cluster (scripts/with-postgres); every measurement gets a new database.
# Writes Benchmarks/results/engines.md. Needs wrk and python3.
#
# Run from the package root: Benchmarks/engines.sh [RUNS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${DUBAN_TEST_POSTGRES:-}" ]]; then exec scripts/with-postgres "$0" "$@"; fi
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }
runs=${1:-3}
seconds=${2:-20}
tasks=${TASKS:-100000}
messages=${MESSAGES:-10000}

bin=$(Benchmarks/release-build.sh)
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p Benchmarks/results
out=Benchmarks/results/engines.md
: > "$out"
say() { echo "$*" | tee -a "$out"; }

admin=$DUBAN_TEST_POSTGRES
server=${admin%/*}
newdb() { # a new empty PostgreSQL database; prints its URL
    local name="bench_$(date +%s%N)"
    psql -q "$admin" -c "CREATE DATABASE $name" >/dev/null
    echo "$server/$name?sslmode=disable&pool_max=${POOL:-8}"
}
store() { # engine → a new empty store
    if [[ $1 == sqlite ]]; then mktemp -u "$work/store-XXXXXX.sqlite"; else newdb; fi
}

say "## Engines side by side ($(date -u +%F), $(nproc) cores, $(psql -tA "$admin" -c 'SHOW server_version'))"
say
say "### Load $tasks tasks and one monthly dispatch"
for run in $(seq "${DISPATCH_RUNS:-$runs}"); do
    for engine in sqlite postgresql; do
        db=$(store $engine)
        say "- run $run, $engine: $("$bin" bench dispatch --tasks "$tasks" --db "$db")"
    done
done

say
say "### Deliver $messages messages"
python3 Tests/receiver/fake_robots.py --port 0 > "$work/receiver.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q PORT "$work/receiver.out" && break; sleep 0.1; done
receiver="http://127.0.0.1:$(awk '/PORT/ {print $2; exit}' "$work/receiver.out")/webhook/ok"
for run in $(seq "$runs"); do
    for dispatchers in 1 3; do
        for engine in sqlite postgresql; do
            db=$(store $engine)
            say "- run $run: $("$bin" bench deliver --tasks "$messages" --url "$receiver" --dispatchers "$dispatchers" --db "$db")"
        done
    done
done

say
say "### Progress reports over HTTP: 64 clients for ${seconds} s"
printf 'default: files\noffice: files\nchannels:\n  - id: files\n    type: file\n    folder: %s\n' "$work/notices" \
    > "$work/channels.yaml"
export DUBAN_NOTIFIERS="$work/channels.yaml"
say
say "| engine | instances | requests/s | p50 (worst instance) | p99 (worst instance) | non-2xx | stored |"
say "|---|---|---|---|---|---|---|"
for instances in 1 3; do
    for engine in sqlite postgresql; do
        [[ $engine == sqlite && $instances == 3 ]] && continue  # one file, one machine: one instance
        export DUBAN_DB
        DUBAN_DB=$(store $engine)
        DUBAN_NOW=2024-01-01T08:00:00+08:00 "$bin" plan load >/dev/null
        "$bin" tick >/dev/null
        "$bin" deliver --once >/dev/null
        export TOKEN
        TOKEN=$("$bin" token create --role department --department emergency --label bench 2>/dev/null)
        ports=()
        serving=()
        for i in $(seq "$instances"); do
            "$bin" serve --port 0 --tick-seconds 1 > "$work/serve-$i.log" 2>&1 &
            serving+=($!)
            pids+=($!)
            for _ in $(seq 200); do grep -q "listening on" "$work/serve-$i.log" && break; sleep 0.1; done
            ports+=("$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve-$i.log" | grep -o '[0-9]*$')")
        done
        # The 64 connections shared among the instances, as nginx would spread them.
        wrks=()
        for i in $(seq "$instances"); do
            connections=$((64 / instances + (i <= 64 % instances ? 1 : 0)))
            wrk -t$(( instances == 1 ? 2 : 1 )) -c"$connections" -d"${seconds}s" --latency -s Benchmarks/post-progress.lua \
                "http://127.0.0.1:${ports[$((i - 1))]}/api/tasks/m26-2024-confined-space-census/progress" \
                > "$work/wrk-$i.txt" &
            wrks+=($!)
        done
        for pid in "${wrks[@]}"; do wait "$pid"; done
        for pid in "${serving[@]}"; do kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; done
        summary=$(python3 - "$work" "$instances" <<'PY'
import re, sys
work, n = sys.argv[1], int(sys.argv[2])
def ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = p50 = p99 = bad = 0
for i in range(1, n + 1):
    text = open(f"{work}/wrk-{i}.txt").read()
    rps += float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = max(p50, ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)))
    p99 = max(p99, ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    bad += int(m.group(1)) if m else 0
print(f"{rps:.0f} | {p50:.1f} ms | {p99:.1f} ms | {bad}")
PY
)
        stored=$("$bin" store info | awk '$1 == "progressReport" {print $2}')
        say "| $engine | $instances | $summary | $stored |"
    done
done
