#!/usr/bin/env bash
# The README's first command, verbatim, on a fresh Debian 12 (ctest label "install"; needs root).
#
#   bash tests/install/readme_test.sh SOURCE_DIR BUILD_DIR
#
# Takes the first command line of README.md's first ```sh block (so README and test cannot drift apart),
# which must end with the fullscreen start "./build/bin/kiosk", replaces only that start with
# "./build/bin/kiosk --self-test", and runs it as root in a throwaway overlay on a debootstrapped minimal
# Debian 12 root (tests/install/debian_root.sh: the same cache as install_test.sh), in a copy of the source
# tree as a clone would have it (tracked and untracked files, no build directories). Passes when the
# command exits 0 and the self-test ends with "self-test: ok". Downloaded .debs are cached; nothing else
# carries over from one run to the next. Step times go to BUILD_DIR/readme_test-times.txt.
# Exit 77 (ctest SKIP_RETURN_CODE) when not root.
set -euo pipefail

SRC=${1:?usage: readme_test.sh SOURCE_DIR BUILD_DIR}
BUILD_DIR=${2:?usage: readme_test.sh SOURCE_DIR BUILD_DIR}
SRC=$(cd "$SRC" && pwd)
mkdir -p "$BUILD_DIR"
BUILD_DIR=$(cd "$BUILD_DIR" && pwd)
# shellcheck source=debian_root.sh
source "$(dirname "$0")/debian_root.sh"

fail() {
  echo "readme_test: FAIL: $*" >&2
  exit 1
}

# ---------------------------------------------------------------- the command, from README.md
readme_command() { # first line of the first ```sh block
  awk '/^```sh[[:space:]]*$/ {inblock = 1; next} inblock && /^```/ {exit} inblock && NF {print; exit}' "$1"
}
CMD=$(readme_command "$SRC/README.md")
START='./build/bin/kiosk'
[ -n "$CMD" ] || fail "no \`\`\`sh block with a command line in README.md"
case "$CMD" in
*" $START") ;;
*) fail "README's first command does not end with the fullscreen start '$START': $CMD" ;;
esac
RUN_CMD="${CMD% "$START"} $START --self-test"
echo "README:  $CMD"
echo "run as:  $RUN_CMD"

if [ "$(id -u)" -ne 0 ]; then
  echo "readme_test: SKIPPED: needs root (debootstrap, chroot, mount)"
  exit 77
fi
for tool in debootstrap chroot mount flock; do
  command -v "$tool" >/dev/null || fail "$tool not found (bash packaging/install-deps.sh --with-tests)"
done

# ---------------------------------------------------------------- timing, cleanup
TIMES=()
STEP=""
STEP_T0=0
T0=$(date +%s%N)
step() {
  end_step
  STEP=$1
  STEP_T0=$(date +%s%N)
  echo "== $STEP"
}
end_step() {
  if [ -n "$STEP" ]; then
    TIMES+=("$(awk -v ns=$(($(date +%s%N) - STEP_T0)) -v s="$STEP" 'BEGIN{printf "  %-44s %7.1f s", s, ns/1e9}')")
    STEP=""
  fi
}
MOUNTS=()
RUN_DIR=""
ROOT=""
mount_tracked() { # mount_tracked MOUNT-ARGS... TARGET
  mount "$@"
  MOUNTS+=("${!#}")
}
kill_in_root() { # anything left running inside the root (a daemon a package started)
  local p
  [ -n "$ROOT" ] || return 0
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  return 0
}
cleanup() {
  local rc=$? i
  set +e
  kill_in_root
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount -R "${MOUNTS[i]}" 2>/dev/null || umount -R -l "${MOUNTS[i]}" 2>/dev/null
  done
  if [ -n "$RUN_DIR" ]; then
    if [ "${KESIP_KEEP:-0}" = 1 ] && [ $rc -ne 0 ]; then
      echo "readme_test: kept $RUN_DIR (KESIP_KEEP=1)"
    else
      safe_rm "$RUN_DIR"
    fi
  fi
  end_step
  {
    echo "-- README test step times"
    printf '%s\n' "${TIMES[@]}"
    awk -v ns=$(($(date +%s%N) - T0)) 'BEGIN{printf "  %-44s %7.1f s\n", "total", ns/1e9}'
  } | tee "$BUILD_DIR/readme_test-times.txt"
  if [ $rc -eq 0 ]; then echo "readme_test: PASS"; else echo "readme_test: FAIL (exit $rc)"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- a fresh Debian 12
step "Debian 12 root (debootstrap, cached)"
cache_lock
ensure_pristine_root

step "throwaway root and a copy of the tree"
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kesip-readme.XXXXXX")
ROOT=$RUN_DIR/root
mkdir -p "$RUN_DIR/upper" "$RUN_DIR/work" "$ROOT"
if mount -t overlay overlay -o "lowerdir=$PRISTINE,upperdir=$RUN_DIR/upper,workdir=$RUN_DIR/work" \
  "$ROOT" 2>/dev/null; then
  MOUNTS+=("$ROOT")
else
  cp -a --reflink=auto "$PRISTINE/." "$ROOT/"
fi
# As Debian's installer leaves it: recommends on (the cache's roots turn them off), the host's resolver.
rm -f "$ROOT/etc/apt/apt.conf.d/90kesip-test"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount_tracked -t proc proc "$ROOT/proc"
mount_tracked -t sysfs -o ro sysfs "$ROOT/sys"
mount_tracked --rbind /dev "$ROOT/dev"
mount --make-rslave "$ROOT/dev"
mount_tracked -t tmpfs -o mode=0755 tmpfs "$ROOT/run"
mkdir -p "$ROOT/var/cache/apt/archives"
mount_tracked --bind "$ARCHIVES" "$ROOT/var/cache/apt/archives"
# No daemon a package ships may start in the chroot (it would outlive the test).
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
CLONE=/root/kesip
mkdir -p "$ROOT$CLONE"
if git -C "$SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # What a clone of the work tree has: tracked and new files (not ignored ones such as build/).
  (cd "$SRC" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
    tar --null -T - -cf -) | tar -C "$ROOT$CLONE" -xf -
else
  tar -C "$SRC" --exclude='./build*' -cf - . | tar -C "$ROOT$CLONE" -xf -
fi
echo "   $(find "$ROOT$CLONE" -type f | wc -l) files in $CLONE"
for p in catch2 cmake g++; do
  if chroot "$ROOT" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    fail "the fresh root already has $p"
  fi
done

# ---------------------------------------------------------------- the README's command
step "README command (install-deps, configure, build, self-test)"
set +e
chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root TERM=dumb /bin/bash -c "cd $CLONE && $RUN_CMD" </dev/null >"$BUILD_DIR/readme_test.log" 2>&1
rc=$?
set -e
end_step
if [ $rc -ne 0 ]; then
  tail -n 40 "$BUILD_DIR/readme_test.log"
  fail "the README's command exited $rc (log: $BUILD_DIR/readme_test.log)"
fi
grep -E '^install-deps:|Catch2 not found|^self-test:|^screens:' "$BUILD_DIR/readme_test.log" | sed 's/^/   | /'
[ "$(tail -n 1 "$BUILD_DIR/readme_test.log")" = "self-test: ok" ] ||
  fail "the self-test did not end with 'self-test: ok' (log: $BUILD_DIR/readme_test.log)"
grep -q 'Catch2 not found: unit, UI and fault tests are not built' "$BUILD_DIR/readme_test.log" ||
  fail "configure did not say that the Catch2 tests are skipped"
echo "   ok: README's command passed on a fresh Debian 12"
