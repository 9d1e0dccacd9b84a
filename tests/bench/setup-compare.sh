#!/usr/bin/env bash
# Installs what `kiosk-bench --compare` needs and the kiosk itself does not: Debian's Chromium (the usual
# web-kiosk alternative it is compared with) and Xvfb (a real window system for the kiosk's first frame).
# Never part of the kiosk's dependencies (packaging/install-deps.sh). Idempotent.
set -euo pipefail
want=(chromium xvfb xauth)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-compare: ${want[*]} present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup-compare: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
