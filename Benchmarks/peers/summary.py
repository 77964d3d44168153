"""Prints one side-by-side line from the raw figures Benchmarks/peers.sh records.

    python3 Benchmarks/peers/summary.py RAW.tsv TITLE DUBAN_KEY PEER_KEY PEER_NAME CAP

RAW.tsv has a line per run: `key<TAB>seconds` or `key<TAB>timeout` (the run hit the cap of CAP
seconds). Prints `TITLE: duban MEDIAN s (MIN–MAX), PEER_NAME MEDIAN s (MIN–MAX): RATIO×`, RATIO being
the peer's median over duban's. A peer run that timed out counts as CAP seconds; the peer's figure
is then `> CAP s` and the ratio `> RATIO×`, a lower bound.
"""
import statistics
import sys

raw, title, duban_key, peer_key, peer_name, cap = sys.argv[1:7]
cap = float(cap)
runs = {}
for line in open(raw):
    key, _, value = line.rstrip("\n").partition("\t")
    runs.setdefault(key, []).append(None if value == "timeout" else float(value))


def figure(seconds):
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def describe(key):
    values = runs.get(key, [])
    if not values:
        return None, "not measured", False
    timed_out = any(v is None for v in values)
    done = [v for v in values if v is not None]
    if timed_out and not done:
        return cap, f"> {figure(cap)} s ({len(values)} run{'s' if len(values) > 1 else ''} stopped at the cap)", True
    median = statistics.median([cap if v is None else v for v in values])
    spread = f"{figure(min(done))}–{figure(max(done))}" + (", some > cap" if timed_out else "")
    return median, f"{'> ' if timed_out else ''}{figure(median)} s ({spread}, {len(values)} runs)", timed_out


duban, duban_text, _ = describe(duban_key)
peer, peer_text, lower_bound = describe(peer_key)
if duban and peer:
    ratio = peer / duban
    digits = 0 if ratio >= 100 else 1 if ratio >= 1 else 2
    ratio_text = f"{'> ' if lower_bound else ''}{ratio:.{digits}f}×" + (" (duban slower)" if ratio < 1 and not lower_bound else "")
else:
    ratio_text = "no ratio"
print(f"{title}: duban {duban_text}, {peer_name} {peer_text}: {ratio_text}")
