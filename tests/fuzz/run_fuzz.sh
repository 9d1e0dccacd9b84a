#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, every sanitizer finding fatal) in their own build
# dir and runs each for a bounded time, starting from the corpus in tests/fuzz/corpus/<target>/ (which
# also holds the reproducers of fixed crashes: they run first, every time).
#
#   tests/fuzz/run_fuzz.sh [target...]        targets: instrument content import search (default: all)
#   FUZZ_SECONDS=600 tests/fuzz/run_fuzz.sh   longer runs (default 20 s per target)
#   FUZZ_BUILD_DIR=/tmp/build-fuzz            build dir (default: build-fuzz in the repo, git-ignored)
#
# New inputs the fuzzer finds go to <build>/fuzz-corpus/<target>/, never into the repo. Prints
# "fuzz: <target> <execs> execs, 0 crashes" per target; exits non-zero on any crash, leak, timeout or UB,
# leaving the reproducer in <build>/fuzz-artifacts/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
SECONDS_EACH="${FUZZ_SECONDS:-20}"
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then TARGETS=(instrument content import search); fi

for tool in clang clang++; do
  command -v "$tool" >/dev/null || { echo "run_fuzz: $tool missing (bash packaging/install-deps.sh --with-tests)" >&2; exit 2; }
done

mkdir -p "$BUILD"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKESIP_TESTS=ON -DKESIP_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $SAN" \
  -DCMAKE_EXE_LINKER_FLAGS="$SAN" >"$BUILD/fuzz-configure.log" 2>&1 ||
  { cat "$BUILD/fuzz-configure.log" >&2; exit 2; }
cmake --build "$BUILD" -j"$(nproc)" --target "${TARGETS[@]/#/fuzz_}" >"$BUILD/fuzz-build.log" 2>&1 ||
  { tail -50 "$BUILD/fuzz-build.log" >&2; exit 2; }

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=0
for t in "${TARGETS[@]}"; do
  seeds="$ROOT/tests/fuzz/corpus/$t"
  work="$BUILD/fuzz-corpus/$t"
  artifacts="$BUILD/fuzz-artifacts"
  log="$BUILD/fuzz-$t.log"
  mkdir -p "$work" "$artifacts"
  rc=0
  "$BUILD/bin/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$work" "$seeds" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$rc" -eq 0 ] && grep -q "^Done " "$log"; then
    echo "fuzz: $t ${execs:-0} execs, 0 crashes"
  else
    failed=1
    echo "fuzz: $t FAILED (exit $rc after ${execs:-?} execs); log $log" >&2
    grep -E "ERROR|runtime error|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -20 >&2 || true
  fi
done
exit "$failed"
