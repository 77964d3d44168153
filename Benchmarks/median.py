"""Prints the median wall time of a hyperfine JSON export: `median (min, max, runs)` in seconds."""
import json
import sys

result = json.load(open(sys.argv[1]))["results"][0]
print(f'{result["median"]:.3f} (min {result["min"]:.3f}, max {result["max"]:.3f}, {len(result["times"])} runs)')
