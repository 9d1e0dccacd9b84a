#!/usr/bin/env bash
# Installs the Debian 12 packages Kesip needs to build, run and test. Idempotent: packages that are
# already installed are skipped, so a second run does not touch the network.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake pkg-config git
  libsdl2-dev libimgui-dev libstb-dev
  libsqlite3-dev libicu-dev icu-devtools
  libsodium-dev libqrcodegencpp-dev nlohmann-json3-dev libcli11-dev
  libespeak-ng-dev espeak-ng-data libcairo2-dev libpango1.0-dev
  fonts-noto-core libcli11-dev libpng-dev
  libcups2-dev
)
# cups-daemon and cups-client: the printing test starts its own cupsd (tests/print/test_print_cups.cpp).
TEST_PKGS=(catch2 zbar-tools clang-format poppler-utils debootstrap clang libclang-rt-14-dev
  fusefat exfat-fuse mtools dosfstools exfatprogs cups-daemon cups-client)

want=("${BUILD_PKGS[@]}")
if [ "${1:-}" = "--with-tests" ]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#want[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
