#!/usr/bin/env bash
# Builds the release binary the benchmarks time and prints its path (scratch folder .build-release,
# or DUBAN_RELEASE_SCRATCH). The Swift runtime and Foundation are linked into the binary
# (--static-swift-stdlib), as `make release` links them: a 100,000-task `evaluate --json` took
# 0.51 s so against 0.57 s with the shared libraries (BENCHMARKS.md, issue 16).
# SKIP_BUILD=1 prints the path of the binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${DUBAN_RELEASE_SCRATCH:-.build-release}
[[ -n ${SKIP_BUILD:-} ]] || swift build -c release --product duban --static-swift-stdlib --scratch-path "$scratch" >/dev/null
echo "$PWD/$scratch/release/duban"
