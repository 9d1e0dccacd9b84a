#!/usr/bin/env bash
# The whole test suite — the README's test command; .ci/run calls exactly this.
#   1. normal build, all ctest tests but the Debian install test
#   2. AddressSanitizer + UBSan build of the unit, UI (incl. monkey) and fault tests
#   3. bounded libFuzzer runs of every fuzz target (FUZZ_SECONDS each)
#   4. the Debian package install test in a debootstrapped chroot (ctest label "install")
# KESIP_QUICK=1 runs step 1 only (for development).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
log() { printf '\n=== %s (%ds)\n' "$*" "$(($(date +%s) - start))"; }

bash packaging/install-deps.sh --with-tests

log "build"
cmake -S . -B build >/dev/null
cmake --build build -j2
log "tests"
ctest --test-dir build --output-on-failure -LE install 2>&1 | tee build/ctest.log
cp build/Testing/Temporary/LastTest.log build/ctest-full.log # every test's own output (summary lines)
[ "${KESIP_QUICK:-0}" = 1 ] && exit 0

log "sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -DKESIP_SANITIZE=ON >/dev/null
targets=(unit_tests ui_tests kiosk)
cmake --build build-asan --target help >build-asan/targets.txt # (not piped into grep -q: pipefail + SIGPIPE)
for t in fault_tests kesip-crash-child; do grep -q " $t\$" build-asan/targets.txt && targets+=("$t"); done
cmake --build build-asan -j2 --target "${targets[@]}"
log "sanitizer tests"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
ctest --test-dir build-asan --output-on-failure -L 'unit|ui|faults' 2>&1 | tee build-asan/ctest.log
cp build-asan/Testing/Temporary/LastTest.log build-asan/ctest-full.log

if [ -f tests/fuzz/run_fuzz.sh ]; then
  log "fuzzing"
  bash tests/fuzz/run_fuzz.sh 2>&1 | tee build/fuzz.log
fi

log "Debian package install test"
ctest --test-dir build --output-on-failure -L install 2>&1 | tee build/ctest-install.log

log "summary"
for f in build/ctest-full.log build-asan/ctest-full.log; do
  [ -f "$f" ] || continue
  echo "-- ${f%%/*}:"
  grep -a -A1 -E "^ *(power-cut|fault-vfs|monkey):|faults injected" "$f" | grep -v '^--$' | sed 's/^ */  /' || true
done
grep -h -E "^fuzz:" build/fuzz.log 2>/dev/null || true
cat build/install_test-times.txt 2>/dev/null || true
grep -h -E "tests passed|tests failed" build/ctest.log build-asan/ctest.log build/ctest-install.log 2>/dev/null || true
echo "total $(($(date +%s) - start)) s"
# One plain closing line for CI: every ctest test of every stage.
total=$(cat build/ctest.log build-asan/ctest.log build/ctest-install.log 2>/dev/null | grep -oE "tests failed out of [0-9]+" | awk '{s+=$5} END {print s+0}')
failed=$(cat build/ctest.log build-asan/ctest.log build/ctest-install.log 2>/dev/null | grep -oE "[0-9]+ tests failed out of" | awk '{s+=$1} END {print s+0}')
echo "all: $((total - failed)) passed, $failed failed"
