# Shared by the install-suite scripts (sourced, not run): the cached minimal Debian 12 root and safe
# removal of trees that may still have mounts in them.
#
# Cache (reused between runs; KESIP_CACHE, default ~/.cache/kesip):
#   bookworm-root/   debootstrap --variant=minbase, made once
#   apt-archives/    downloaded .debs, bind-mounted into every root as /var/cache/apt/archives
#   .lock            one run at a time uses the cache
# KESIP_DEBIAN_MIRROR overrides the archive (default: the host's own bookworm sources, else debootstrap's
# default).
SUITE=bookworm
CACHE=${KESIP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/kesip}
PRISTINE=$CACHE/$SUITE-root
ARCHIVES=$CACHE/apt-archives
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

mounted_below() { # prints mount points at or below $1
  awk -v p="$1" '{ if ($5 == p || index($5, p "/") == 1) print $5 }' /proc/self/mountinfo
}
safe_rm() { # removes one of our trees; mounts a killed run left in it are undone first
  local d=$1
  [ -e "$d" ] || return 0
  mounted_below "$d" | sort -r | while read -r m; do umount -R -l "$m" 2>/dev/null || true; done
  if [ -n "$(mounted_below "$d")" ]; then
    echo "not removing $d, still mounted: $(mounted_below "$d" | tr '\n' ' ')" >&2
    return 1
  fi
  rm -rf --one-file-system "$d"
}

# The host's own Debian 12 sources (known to be reachable from here), unless KESIP_DEBIAN_MIRROR is set.
host_sources() {
  if [ -n "${KESIP_DEBIAN_MIRROR:-}" ]; then
    echo "deb $KESIP_DEBIAN_MIRROR $SUITE main"
    return
  fi
  if grep -qs "^VERSION_CODENAME=$SUITE\$" /etc/os-release; then
    apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Identifier: Packages' 2>/dev/null |
      awk -v s="$SUITE" '$2 == s || $2 == s "-updates" || $2 == s "-security" {print "deb " $1 " " $2 " main"}' |
      sort -u
  fi
}
debootstrap_mirror() {
  host_sources | awk -v s="$SUITE" '$3 == s {print $2; exit}'
}

# Takes the cache lock (waits for another run) and makes sure $PRISTINE exists. Calls fail() on error.
cache_lock() {
  mkdir -p "$CACHE" "$ARCHIVES/partial"
  exec 9>"$CACHE/.lock"
  if ! flock -n 9; then
    echo "   waiting for another run using $CACHE"
    flock 9
  fi
}
ensure_pristine_root() {
  if [ -f "$PRISTINE/.kesip-ready" ]; then
    echo "   reused $PRISTINE"
    return
  fi
  safe_rm "$PRISTINE.tmp"
  safe_rm "$PRISTINE"
  local mirror src
  mirror=$(debootstrap_mirror)
  echo "   debootstrap --variant=minbase $SUITE ${mirror:-(default mirror)}"
  # shellcheck disable=SC2086 # an empty mirror is no argument
  debootstrap --variant=minbase "$SUITE" "$PRISTINE.tmp" $mirror >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -n 30 "$CACHE/debootstrap.log"; fail "debootstrap"; }
  src=$(host_sources)
  if [ -n "$src" ]; then echo "$src" >"$PRISTINE.tmp/etc/apt/sources.list"; fi
  echo 'APT::Install-Recommends "false";' >"$PRISTINE.tmp/etc/apt/apt.conf.d/90kesip-test"
  touch "$PRISTINE.tmp/.kesip-ready"
  mv "$PRISTINE.tmp" "$PRISTINE"
  echo "   made $PRISTINE ($(du -sh "$PRISTINE" | cut -f1))"
}
