#!/usr/bin/env bash
# duban beside two peers on one data set, in interleaved runs (peer, duban, peer, duban, …):
#   - import: `task import` of the plan as Taskwarrior JSON into an empty data folder, against
#     `duban plan load` into a fresh SQLite store;
#   - report: `task +OVERDUE count` and `task +BLOCKED count`, against `duban evaluate --json` of the
#     loaded store as of a fixed day (AS_OF, default 2025-06-30; Taskwarrior's OVERDUE is as of now);
#   - notices: NOTICES notices for DEPARTMENTS departments grouped by department, through
#     Alertmanager (group_by [department], group_wait 0s, group_interval 1s, webhook), against
#     duban's grouped digests, both to the same local receiver (Benchmarks/peers/receiver.py); the
#     time runs until the receiver has every group and every notice.
# The plans are `duban plan generate --tasks N --seed 1` for N in SIZES (default 10000 100000); the
# same tasks go to Taskwarrior (Benchmarks/peers/to_taskwarrior.py: uuid5 of the task id). A
# Taskwarrior run is stopped at CAP seconds (default 300) and counts as "> CAP s"; its ratio is then
# a lower bound, and the remaining runs of that command at that size are skipped.
# Prints each ratio with its spread and writes the raw figures to Benchmarks/results/peers.md.
# PARTS picks what runs: "tasks" (import and report at each size) and "notices" (default: both), so
# PARTS=notices measures the notices alone.
#
# Installs Debian's taskwarrior and prometheus-alertmanager when missing (as root). Uses DUBAN_BIN
# when set, else builds the release binary in .build-release. Not part of CI or the tests.
# Run from the package root: Benchmarks/peers.sh (or make bench-peers); PAIRS=5 SIZES="10000 100000"
set -euo pipefail
cd "$(dirname "$0")/.."

parts=" ${PARTS:-tasks notices} "
missing=""
[[ $parts != *" tasks "* ]] || command -v task >/dev/null || missing="$missing taskwarrior"
[[ $parts != *" notices "* ]] || command -v prometheus-alertmanager >/dev/null || missing="$missing prometheus-alertmanager"
if [[ -n $missing ]]; then
    if [[ $(id -u) == 0 ]]; then
        echo "installing:$missing"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
        echo "missing Debian packages:$missing"; echo "run: sudo apt-get install -y$missing"; exit 1
    fi
fi

if [[ -n ${DUBAN_BIN:-} ]]; then
    bin=$(realpath "$DUBAN_BIN")
else
    bin=$(Benchmarks/release-build.sh)
fi
pairs=${PAIRS:-5}
sizes=${SIZES:-10000 100000}
cap=${CAP:-300}
as_of=${AS_OF:-2025-06-30}
notices=${NOTICES:-10000}
departments=${DEPARTMENTS:-30}

work=$(mktemp -d)
receiver=""
cleanup() {
    [[ -z $receiver ]] || kill "$receiver" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p Benchmarks/results
out=Benchmarks/results/peers.md
raw="$work/raw.tsv"
: > "$raw"
say() { echo "$*" | tee -a "$work/summary"; }

# Taskwarrior on its own data folder, never ~/.task: the rc names it; hooks off on every call.
export TASKRC="$work/taskrc"
twdata="$work/task"
cat > "$TASKRC" <<EOF
data.location=$twdata
confirmation=off
verbose=nothing
recurrence=off
gc=off
json.array=on
hooks=off
EOF
tw=(task rc.hooks=off)

declare -A stopped  # key → 1 once a run of it hit the cap
timed() { # key, command…: one run (a Taskwarrior one under the cap); appends `key<TAB>seconds` or `key<TAB>timeout` to $raw
    local key=$1 rc=0 start end limit=()
    shift
    if [[ -n ${stopped[$key]:-} ]]; then return 0; fi
    [[ $key != *" task "* ]] || limit=(timeout "$cap")
    start=$EPOCHREALTIME
    "${limit[@]}" "$@" > "$work/stdout" 2> "$work/stderr" || rc=$?
    end=$EPOCHREALTIME
    if ((rc == 124)); then
        printf '%s\ttimeout\n' "$key" >> "$raw"
        stopped[$key]=1
        echo "  $key: stopped at $cap s" >&2
    elif ((rc != 0)); then
        echo "$key failed ($rc): $*" >&2; tail -20 "$work/stderr" >&2; exit 1
    else
        printf '%s\t%s\n' "$key" "$(awk "BEGIN {printf \"%.3f\", $end - $start}")" >> "$raw"
    fi
}
line() { # title, duban key, peer key, peer name
    say "$(python3 Benchmarks/peers/summary.py "$raw" "$1" "$2" "$3" "$4" "$cap")"
}
grouping() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }  # 100000 → 100,000

version() { # the peer's version line, or "(not run)" when PARTS leaves it out
    if command -v "$1" >/dev/null; then "$@" 2>&1 | head -1; else echo "$1 (not run)"; fi
}
echo "duban $("$bin" --version), $(version task --version | sed 's/^/taskwarrior /'), $(version prometheus-alertmanager --version); parts:$parts"
echo "$(nproc) cores; $pairs pairs a measurement; Taskwarrior runs capped at $cap s"

[[ $parts == *" tasks "* ]] || sizes=""
for n in $sizes; do
    plan="$work/plan-$n"
    "$bin" plan generate --tasks "$n" --seed 1 --output "$plan" >/dev/null
    python3 Benchmarks/peers/to_taskwarrior.py "$plan" "$work/tasks-$n.json" >/dev/null
    db="$work/loaded-$n.sqlite"
    echo "$(grouping "$n") tasks: import ×$pairs pairs" >&2
    for _ in $(seq "$pairs"); do
        rm -rf "$twdata" && mkdir -p "$twdata"
        timed "$n task import" "${tw[@]}" import "$work/tasks-$n.json"
        rm -f "$db" "$db-wal" "$db-shm"
        timed "$n duban load" "$bin" plan load "$plan" --db "$db"
    done
    # Both stores now hold the plan: the last import and the last load.
    echo "$(grouping "$n") tasks: report ×$pairs" >&2
    if [[ -n ${stopped["$n task import"]:-} ]]; then stopped["$n task +OVERDUE"]=1 stopped["$n task +BLOCKED"]=1; fi
    overdue="(stopped)" blocked="(stopped)"
    for _ in $(seq "$pairs"); do
        timed "$n task +OVERDUE" "${tw[@]}" +OVERDUE count
        [[ -n ${stopped["$n task +OVERDUE"]:-} ]] || overdue=$(<"$work/stdout")
        timed "$n duban evaluate" "$bin" evaluate --json --as-of "$as_of" --db "$db"
        timed "$n task +BLOCKED" "${tw[@]}" +BLOCKED count
        [[ -n ${stopped["$n task +BLOCKED"]:-} ]] || blocked=$(<"$work/stdout")
    done
    count() { # day → duban's overdue and blocked tasks as of it
        "$bin" evaluate --json --as-of "$1" --db "$db" | python3 -c '
import collections, json, sys
tasks = json.load(sys.stdin)["tasks"]
status = collections.Counter(t["status"] for t in tasks)
print(status["overdue"], "overdue,", sum(1 for t in tasks if t["blocked_by"]), "blocked")'
    }
    counts="$(count "$as_of"); as of $(date -u +%F): $(count "$(date -u +%F)")"
    line "import $(grouping "$n")" "$n duban load" "$n task import" "task import"
    line "report $(grouping "$n")" "$n duban evaluate" "$n task +OVERDUE" "task +OVERDUE count"
    line "report $(grouping "$n")" "$n duban evaluate" "$n task +BLOCKED" "task +BLOCKED count"
    say "  (counts: Taskwarrior as of now ($(date -u +%F)): $overdue +OVERDUE, $blocked +BLOCKED; duban as of $as_of: $counts)"
done

# Notices: one receiver for both senders.
if [[ $parts == *" notices "* ]]; then
    python3 Benchmarks/peers/receiver.py > "$work/receiver.out" 2>&1 &
    receiver=$!
    for _ in $(seq 100); do grep -q '^PORT ' "$work/receiver.out" && break; sleep 0.1; done
    port=$(awk '/^PORT / {print $2; exit}' "$work/receiver.out")
    url="http://127.0.0.1:$port/webhook/ok"
    # duban's grouped digests: NOTICES notices for DEPARTMENTS departments queued as one digest per
    # department in the durable outbox, then delivered to the receiver's generic webhook.
    grouped=("$bin" bench deliver --tasks "$notices" --departments "$departments" --grouped --url "$url")
    # --grouped is an option of `bench deliver`: ask that command's help, not bench's.
    if "$bin" bench deliver --help 2>&1 | grep -q -- '--grouped'; then have_grouped=1; else have_grouped=""; fi
    notice_run() { # key, notices.py mode and arguments…: one run, its seconds to $raw and its line to $work/notices
        local key=$1 result
        shift
        result=$(python3 Benchmarks/peers/notices.py "$@")
        echo "$key: $result" >> "$work/notices"
        printf '%s\t%s\n' "$key" "${result%% *}" >> "$raw"
    }
    echo "$(grouping "$notices") notices for $departments departments ×$pairs pairs" >&2
    for _ in $(seq "$pairs"); do
        notice_run "notices alertmanager" alertmanager --receiver "$port" --alerts "$notices" \
            --departments "$departments" --timeout "$cap"
        [[ -z $have_grouped ]] || notice_run "notices duban" command --receiver "$port" --alerts "$notices" \
            --departments "$departments" --timeout "$cap" -- "${grouped[@]}"
    done
    line "notices $(grouping "$notices") for $departments departments" "notices duban" "notices alertmanager" "Alertmanager"
    if [[ -z $have_grouped ]]; then
        say "  (duban side missing: this duban has no \`bench deliver --departments D --grouped\`; the run needs:"
        say "   duban bench deliver --tasks $notices --departments $departments --grouped --url http://127.0.0.1:PORT/webhook/ok)"
    fi
fi
touch "$work/notices" "$work/summary"

{
    echo "## duban beside Taskwarrior and Alertmanager ($(date -u +%F))"
    echo
    echo "duban $("$bin" --version); $(version task --version | sed 's/^/Taskwarrior /'); $(version prometheus-alertmanager --version); parts:$parts;"
    echo "$(nproc) cores ($(uname -m)); $pairs interleaved pairs per measurement; Taskwarrior capped at $cap s."
    echo "Plans: \`duban plan generate --tasks N --seed 1\`; duban evaluates as of $as_of, Taskwarrior's OVERDUE is as of now."
    echo
    echo "### Summary (peer median / duban median)"
    echo
    sed 's/^/    /' "$work/summary"
    echo
    echo "### Raw figures (seconds, in run order)"
    echo
    awk -F'\t' '{print "    " $1 "\t" $2}' "$raw"
    echo
    echo "### Notice runs (seconds notifications items note)"
    echo
    sed 's/^/    /' "$work/notices"
} > "$out"
echo "raw figures: $out"
