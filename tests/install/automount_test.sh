#!/usr/bin/env bash
# Automount test (ctest label "install"; needs root for loop devices and mounts):
#   bash tests/install/automount_test.sh BUILD_DIR
# Runs packaging/udev/kesip-automount on loop devices holding a FAT, an exFAT and an ext4 image. This
# kernel has no vfat or exfat, so FAT and exFAT are mounted through FUSE (KESIP_MOUNT=fuse: fusefat,
# mount.exfat-fuse); the script decides by the type blkid reports, as on a real kiosk. Checks: FAT and
# exFAT mounted nodev,nosuid,noexec, writable, exported to by the kiosk; ext4 refused with a note for the
# staff screen; a label with bidi controls and invalid UTF-8 made safe; everything unmounted again.
set -euo pipefail
BUILD_DIR=$(cd "${1:?usage: automount_test.sh BUILD_DIR}" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
if [ "$(id -u)" -ne 0 ]; then
  echo "automount_test: SKIPPED: needs root (loop devices, mount)"
  exit 77
fi
for tool in losetup blkid mkfs.vfat mkfs.exfat mkfs.ext4 fusefat mount.exfat-fuse iconv; do
  command -v "$tool" >/dev/null || {
    echo "automount_test: SKIPPED: $tool missing (bash packaging/install-deps.sh --with-tests)"
    exit 77
  }
done
[ -e /dev/fuse ] && losetup -f >/dev/null 2>&1 || {
  echo "automount_test: SKIPPED: no /dev/fuse or no free loop device"
  exit 77
}

WORK=$(mktemp -d /tmp/kesip-automount.XXXXXX)
LOOPS=()
cleanup() {
  for d in "$WORK"/media/*/; do [ -d "$d" ] && { fusermount -u "$d" 2>/dev/null || umount -l "$d" 2>/dev/null || true; }; done
  for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
export KESIP_MEDIA=$WORK/media KESIP_STATE=$WORK/state KESIP_MOUNT=fuse KESIP_USER=root
AM=$SRC/packaging/udev/kesip-automount
failures=0
check() {
  local what=$1
  shift
  if "$@"; then echo "   ok: $what"; else echo "   FAIL: $what"; failures=$((failures + 1)); fi
}
image() { # image FILE MKFS... -> loop device name
  truncate -s 32M "$1"
  shift_file=$1
  shift
  "$@" "$shift_file" >/dev/null 2>&1
  local l
  l=$(losetup -f --show "$shift_file")
  LOOPS+=("$l")
  basename "$l"
}
mount_opts() { awk -v p="$1" '$5 == p {print $6}' /proc/self/mountinfo; }

echo "== FAT stick"
fat=$(image "$WORK/fat.img" mkfs.vfat -n KESIPFAT)
bash "$AM" mount "$fat"
mp=$KESIP_MEDIA/KESIPFAT
check "FAT stick mounted at media/KESIPFAT" mountpoint -q "$mp"
o=$(mount_opts "$mp")
check "FAT mounted nodev,nosuid,noexec ($o)" bash -c "[[ ,$o, == *,nodev,* && ,$o, == *,nosuid,* && ,$o, == *,noexec,* ]]"
check "FAT stick writable" touch "$mp/kesip-stick"
"$BUILD_DIR/bin/kiosk-sync" simulate --sessions 5 --data-dir "$WORK/data" >/dev/null
check "kiosk exports summaries to the FAT stick" bash -c \
  "'$BUILD_DIR/bin/kiosk' --data-dir '$WORK/data' --export-to '$mp' >/dev/null 2>&1 && ls '$mp'/kesip/summaries/*/summary-total.csv >/dev/null"
bash "$AM" unmount "$fat"
check "FAT stick unmounted and its folder removed" test ! -e "$mp"

echo "== exFAT stick"
ex=$(image "$WORK/exfat.img" mkfs.exfat -L KESIPEX)
bash "$AM" mount "$ex"
mp=$KESIP_MEDIA/KESIPEX
check "exFAT stick mounted at media/KESIPEX" mountpoint -q "$mp"
o=$(mount_opts "$mp")
check "exFAT mounted nodev,nosuid ($o)" bash -c "[[ ,$o, == *,nodev,* && ,$o, == *,nosuid,* ]]"
check "exFAT stick writable" touch "$mp/kesip-stick"
bash "$AM" unmount "$ex"
check "exFAT stick unmounted" test ! -e "$mp"

echo "== ext4 stick"
e4=$(image "$WORK/ext4.img" mkfs.ext4 -q -L BIGDISK)
bash "$AM" mount "$e4"
check "ext4 stick not mounted" bash -c "! ls '$KESIP_MEDIA'/BIGDISK* >/dev/null 2>&1"
check "ext4 refusal noted for the staff screen" grep -q "^ext4	BIGDISK$" "$KESIP_STATE/refused/$e4"
bash "$AM" unmount "$e4"
check "note removed when the stick goes" test ! -e "$KESIP_STATE/refused/$e4"

echo "== unsafe labels"
check "right-to-left override and invalid UTF-8 dropped" \
  test "$(bash "$AM" safe-label "$(printf 'PAY\xe2\x80\xaegpj.exe')")" = "PAYgpj.exe" -a \
  "$(bash "$AM" safe-label "$(printf 'A\xffB')")" = ""
check "spaces, slashes and quotes become _" test "$(bash "$AM" safe-label "my/stick 'x'")" = "my_stick__x_"
check "Cyrillic kept, cut at 32 bytes on a character boundary" \
  test "$(bash "$AM" safe-label "ФЛЕШКАФЛЕШКАФЛЕШКАФЛЕШКА")" = "ФЛЕШКАФЛЕШКАФЛЕШ"
check "a label of dots only is not a folder name" test "$(bash "$AM" safe-label "..")" = ""

if [ "$failures" -ne 0 ]; then
  echo "automount_test: $failures failed"
  exit 1
fi
echo "automount_test: passed"
