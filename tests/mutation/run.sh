#!/usr/bin/env bash
# Mutation check of the test suite: plants one bug at a time in a scratch copy of the tree (never the
# working tree), builds it, runs the tests that should notice, and requires that at least one fails.
#
#   bash tests/mutation/run.sh [NAME...]     (default: every mutation below)
#   KESIP_MUTATION_DIR=DIR                   scratch copy and its build (default: build-mutation/, kept
#                                            between runs so only the mutated files recompile)
#
# Each mutation names a file and an exact snippet that must occur in it exactly once; when other work
# changed that code the run fails loudly ("mutation X NO LONGER APPLIES") instead of testing nothing.
# Prints "mutation: NAME caught by N test(s)" or "mutation: NAME NOT CAUGHT" per mutation, then a table,
# and exits non-zero unless every mutation applied, built and was caught. The unmutated copy's tests run
# first and must pass (a failure there would be no evidence).
set -uo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${KESIP_MUTATION_DIR:-$SRC/build-mutation}
TREE=$WORK/src
BUILD=$WORK/build
t0=$(date +%s)

# ---------------------------------------------------------------- the planted bugs
M_NAME=() M_FILE=() M_TESTS=() M_WHAT=() M_OLD=() M_NEW=()
mutation() { # mutation NAME FILE TESTS-REGEX WHAT SNIPPET REPLACEMENT (snippets literal, may span lines)
  M_NAME+=("$1") M_FILE+=("$2") M_TESTS+=("$3") M_WHAT+=("$4") M_OLD+=("$5") M_NEW+=("$6")
}
mutation score-sign kiosk/core/assess/scoring.cpp '^unit:' \
  "a scoring sign flip: answers lower their scale instead of raising it" \
  '        sc.raw += keyed;' \
  '        sc.raw -= keyed;'
mutation cumulative-rounding kiosk/core/sync/disclosure.cpp '^unit:' \
  "each category rounded on its own instead of cumulatively: the parts no longer sum to the total" \
  '        const int64_t r = round5(c);' \
  '        const int64_t r = prev + round5(n);'
mutation idle-reset kiosk/app/app.cpp '^ui:.*(idle|reset)' \
  "no idle reset: the visit of someone who walked away stays on screen" \
  $'        if (phase == flow::IdleMonitor::Phase::Expired)\n            resetToAttract("idle");' \
  $'        if (phase == flow::IdleMonitor::Phase::Expired && false)\n            resetToAttract("idle");'
mutation reset-keeps-a11y kiosk/app/app.cpp '^ui:.*(reset with the visit|idle warning and reset)' \
  "the reset keeps the last visitor's large text and contrast" \
  $'    endVisit(reason);\n    setAccessibility(false, false);' \
  $'    endVisit(reason);'
mutation no-fsync kiosk/core/sync/stick_io.cpp '^unit:' \
  "a file is renamed into place on the stick without an fsync" \
  '    if (ok && io.fsync(out) != 0) ok = failErrno(st, where, errno);' \
  '    // (fsync skipped)'
mutation local-sync-off kiosk/core/store/local_store.cpp '^(unit|faults):' \
  "answers are saved without waiting for the disk (synchronous=OFF)" \
  '        db->exec("PRAGMA synchronous=FULL");' \
  '        db->exec("PRAGMA synchronous=OFF");'
mutation typo-rule kiosk/core/catalog/search.cpp '^(unit|ui):.*(search|typo|encyclopedia|keyboard)' \
  "search ignores the typo rule: words shorter than five letters match with a typo" \
  '        if (qw.size() >= 5) {' \
  '        if (qw.size() >= 1) {'
mutation no-typo kiosk/core/catalog/search.cpp '^(unit|ui):.*(search|typo|encyclopedia|keyboard)' \
  "search tolerates no typo at all" \
  '        if (qw.size() >= 5) {' \
  '        if (qw.size() >= 500) {'
mutation pin-lockout kiosk/core/store/access.cpp '^(unit|ui):.*(PIN|pin|lock|access|staff|counselor)' \
  "the PIN pad locks after six wrong PINs instead of five" \
  '    if (failures >= kMaxFailures) {' \
  '    if (failures > kMaxFailures) {'
mutation reasons-first kiosk/core/catalog/matching.cpp '^(unit|ui):.*(match|result|QR|occupation|profile)' \
  "occupations sharing none of the visitor's types are ranked before those that share one" \
  '        if (ra != rb) return ra; // with reasons first' \
  '        if (ra != rb) return rb;'

want=("$@")
if [ ${#want[@]} -eq 0 ]; then want=("${M_NAME[@]}"); fi
index_of() { # index of mutation NAME, or -1
  local i
  for i in "${!M_NAME[@]}"; do [ "${M_NAME[i]}" = "$1" ] && { echo "$i"; return; }; done
  echo -1
}
export KESIP_MONKEY_EVENTS=${KESIP_MONKEY_EVENTS:-5000} # the monkey is one test among many here

# ---------------------------------------------------------------- scratch copy, baseline
echo "mutation: scratch copy in $TREE"
mkdir -p "$TREE" "$BUILD"
# Into a staging folder first; then only files whose content differs are copied, with a new mtime, so the
# kept build recompiles exactly what changed (tar's old mtimes could hide a change from make).
STAGE=$WORK/stage
rm -rf "$STAGE"
mkdir -p "$STAGE"
if git -C "$SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$SRC" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -C "$STAGE" -xf -
else
  tar -C "$SRC" --exclude='./build*' -cf - . | tar -C "$STAGE" -xf -
fi
(cd "$STAGE" && find . -type f -print0) | while IFS= read -r -d '' f; do
  if ! cmp -s "$STAGE/$f" "$TREE/$f"; then
    mkdir -p "$(dirname "$TREE/$f")"
    cp "$STAGE/$f" "$TREE/$f"
  fi
done
(cd "$TREE" && find . -type f -print0) | while IFS= read -r -d '' f; do
  [ -e "$STAGE/$f" ] || rm -f "$TREE/$f"
done
rm -rf "$STAGE"
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
build() { cmake --build "$BUILD" -j2 >"$WORK/build.log" 2>&1; }
if ! cmake -S "$TREE" -B "$BUILD" "${launcher[@]}" >"$WORK/configure.log" 2>&1 || ! build; then
  tail -n 30 "$WORK/configure.log" "$WORK/build.log"
  echo "mutation: FAILED: the unmutated copy does not build"
  exit 1
fi
# Baseline: each selection the chosen mutations use must pass on the unmutated copy.
declare -A seen=()
for w in "${want[@]}"; do
  i=$(index_of "$w")
  [ "$i" -ge 0 ] || continue
  regex=${M_TESTS[i]}
  [ -n "${seen[$regex]:-}" ] && continue
  seen[$regex]=1
  echo "mutation: baseline, the unmutated copy: ctest -R '$regex'"
  if ! ctest --test-dir "$BUILD" -j2 -R "$regex" >"$WORK/baseline.log" 2>&1; then
    grep -E "\*\*\*Failed|Exception|Timeout" "$WORK/baseline.log" | head -n 20
    echo "mutation: FAILED: the tests fail without any mutation"
    exit 1
  fi
  n=$(grep -oE 'tests failed out of [0-9]+' "$WORK/baseline.log" | awk '{print $5}')
  if [ "${n:-0}" -eq 0 ]; then
    echo "mutation: FAILED: no test matches '$regex'"
    exit 1
  fi
  echo "mutation: baseline passed ($n tests, $(($(date +%s) - t0)) s)"
done

# ---------------------------------------------------------------- one mutation at a time
ROWS=()
bad=0
for w in "${want[@]}"; do
  i=$(index_of "$w")
  if [ "$i" -lt 0 ]; then
    echo "mutation: $w FAILED: no such mutation (known: ${M_NAME[*]})"
    ROWS+=("$w|FAILED: no such mutation")
    bad=1
    continue
  fi
  file=${M_FILE[i]} regex=${M_TESTS[i]} target=$TREE/${M_FILE[i]}
  count=$(python3 -c 'import sys; print(open(sys.argv[1]).read().count(sys.argv[2]))' "$target" "${M_OLD[i]}" 2>/dev/null || echo 0)
  if [ "$count" != 1 ]; then
    echo "mutation: $w NO LONGER APPLIES: the snippet occurs $count times in $file (expected once):"
    printf '%s\n' "${M_OLD[i]}" | sed 's/^/    | /'
    ROWS+=("$w|NO LONGER APPLIES: $file changed")
    bad=1
    continue
  fi
  cp -p "$target" "$WORK/original"
  python3 -c 'import sys; p=sys.argv[1]; s=open(p).read(); open(p,"w").write(s.replace(sys.argv[2], sys.argv[3], 1))' \
    "$target" "${M_OLD[i]}" "${M_NEW[i]}"
  m0=$(date +%s)
  if ! build; then
    tail -n 20 "$WORK/build.log"
    echo "mutation: $w FAILED: does not build"
    ROWS+=("$w|FAILED: does not build")
    bad=1
  else
    ctest --test-dir "$BUILD" -j2 -R "$regex" --timeout 900 >"$WORK/$w.log" 2>&1
    caught=$(sed -nE 's/^[[:space:]]*[0-9]+ - (.*) \((Failed|Timeout|SEGFAULT|Subprocess aborted|Exception)\)$/\1/p' "$WORK/$w.log")
    ran=$(grep -oE 'tests failed out of [0-9]+' "$WORK/$w.log" | awk '{print $5}')
    n=$(printf '%s' "$caught" | grep -c .)
    list=$(printf '%s' "$caught" | paste -sd ';' | sed 's/;/; /g')
    if [ "${ran:-0}" -eq 0 ]; then
      echo "mutation: $w FAILED: no test matches '$regex'"
      ROWS+=("$w|FAILED: no test matches")
      bad=1
    elif [ "$n" -gt 0 ]; then
      echo "mutation: $w caught by $n of ${ran:-?} tests ($(($(date +%s) - m0)) s): $list"
      ROWS+=("$w|caught by $n: $list")
    else
      echo "mutation: $w NOT CAUGHT by the ${ran:-0} tests matching '$regex' (${M_WHAT[i]})"
      ROWS+=("$w|NOT CAUGHT")
      bad=1
    fi
  fi
  cp -p "$WORK/original" "$target"
  touch "$target" # rebuilt as it was next time
done

echo "-- mutation table ($(($(date +%s) - t0)) s)"
for r in "${ROWS[@]}"; do
  w=${r%%|*}
  i=$(index_of "$w")
  printf '  %-16s %s\n  %-16s -> %s\n' "$w" "$([ "$i" -ge 0 ] && echo "${M_WHAT[i]}")" "" "${r#*|}"
done
exit $bad
