#!/usr/bin/env bash
# The hazard ledger at a province's scale (issue 13), release build, whole processes:
#   - `hazard import` of 100,000 generated rows into a store with the shipped plans (aim < 10 s);
#   - `hazard stats --by subdistrict,sector` over 1,000,000 hazards (aim < 2 s);
#   - one monthly dispatch of a synthetic plan without hazards and with listed hazards, so the
#     cost per supervised item can be compared (aim: a hazard within 2× of a task).
# Wall times are hyperfine medians with min–max; peak memory from /usr/bin/time -v.
#
# Needs hyperfine (apt-get install hyperfine). Run from the package root: Benchmarks/hazards.sh
# (ROWS, BIG, TASKS, HAZARDS and RUNS override the sizes; the defaults take about ten minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine"; exit 1; }

rows=${ROWS:-100000}
big=${BIG:-1000000}
tasks=${TASKS:-100000}
hazards=${HAZARDS:-100000}
runs=${RUNS:-5}

bin=$(Benchmarks/release-build.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p Benchmarks/results
out=Benchmarks/results/hazards.md
: > "$out"
export DUBAN_NOW=2026-12-01T09:00:00+08:00

peak_kb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'; }
median() { python3 Benchmarks/median.py "$1"; }

# A store with the shipped plans and sectors, copied fresh before each import.
"$bin" plan load --db "$work/base.sqlite" >/dev/null
"$bin" hazard generate --count "$rows" --seed 1 -o "$work/rows.csv" --db "$work/base.sqlite" >/dev/null
hyperfine --runs "$runs" --prepare "cp $work/base.sqlite $work/import.sqlite; rm -f $work/import.sqlite-wal $work/import.sqlite-shm" \
    --export-json "$work/import.json" "$bin hazard import $work/rows.csv --db $work/import.sqlite" >/dev/null
cp "$work/base.sqlite" "$work/import.sqlite"
import_mem=$(peak_kb "$bin" hazard import "$work/rows.csv" --db "$work/import.sqlite")

# A province's ledger: generated and imported once (timed once), then counted.
"$bin" hazard generate --count "$big" --seed 2 -o "$work/big.csv" --db "$work/base.sqlite" >/dev/null
cp "$work/base.sqlite" "$work/big.sqlite"
start=$(date +%s.%N)
"$bin" hazard import "$work/big.csv" --db "$work/big.sqlite" >/dev/null
big_import=$(echo "$(date +%s.%N) - $start" | bc)
hyperfine --warmup 1 --runs "$runs" --export-json "$work/stats.json" \
    "$bin hazard stats --by subdistrict,sector --format json --db $work/big.sqlite" >/dev/null
hyperfine --warmup 1 --runs "$runs" --export-json "$work/stats-month.json" \
    "$bin hazard stats --by subdistrict,sector,channel,month --format json --db $work/big.sqlite" >/dev/null
stats_mem=$(peak_kb "$bin" hazard stats --by subdistrict,sector --format json --db "$work/big.sqlite")

{
    echo "### hazard import and statistics"
    echo "import $rows rows:   median $(median "$work/import.json") s, peak RSS ${import_mem} KiB"
    echo "import $big rows: ${big_import} s (once)"
    echo "stats over $big (subdistrict × sector): median $(median "$work/stats.json") s, peak RSS ${stats_mem} KiB"
    echo "stats over $big (subdistrict × sector × channel × month): median $(median "$work/stats-month.json") s"
    echo
    echo "### one monthly dispatch, $tasks tasks, without and with $hazards listed hazards (interleaved)"
    for _ in 1 2 3; do
        "$bin" bench dispatch --tasks "$tasks"
        "$bin" bench dispatch --tasks "$tasks" --hazards "$hazards"
    done
} >> "$out"
cat "$out"
