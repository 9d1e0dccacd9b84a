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
[ "${KESIP_QUICK:-0}" = 1 ] && exit 0

log "sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -DKESIP_SANITIZE=ON >/dev/null
targets=(unit_tests ui_tests kiosk)
if cmake --build build-asan --target help | grep -q fault_tests; then targets+=(fault_tests); fi
cmake --build build-asan -j2 --target "${targets[@]}"
log "sanitizer tests"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
ctest --test-dir build-asan --output-on-failure -L 'unit|ui|faults' 2>&1 | tee build-asan/ctest.log

if [ -f tests/fuzz/run_fuzz.sh ]; then
  log "fuzzing"
  bash tests/fuzz/run_fuzz.sh 2>&1 | tee build/fuzz.log
fi

log "Debian package install test"
ctest --test-dir build --output-on-failure -L install 2>&1 | tee build/ctest-install.log

log "summary"
grep -h -E "power-cut:|fault-vfs:|faults injected|monkey:|fuzz:|install test" build/*.log build-asan/*.log 2>/dev/null | sed 's/^ *//' | sort -u || true
grep -h -E "tests passed|tests failed" build/ctest.log build-asan/ctest.log build/ctest-install.log 2>/dev/null || true
echo "total $(($(date +%s) - start)) s"
