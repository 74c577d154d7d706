#!/usr/bin/env bash
# Makes sure the images pond's tests and examples use exist in the local engine.
#
#   bash scripts/images.sh                 # all of them
#   bash scripts/images.sh postgres:15     # only some (also accepts the bare name: postgres)
#
# Per image: present → nothing; else `docker pull` of the exact tag (a normal machine with a registry
# gets the real image); else build a local stand-in from Debian packages (images/<name>/), so the
# suite also runs where no container registry is reachable. A stand-in is labelled with a hash of
# images/<name>/ and rebuilt when that changes. POND_PULL=0 skips the pull attempt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${POND_IMAGE_CACHE:-/var/cache/pond-images}
MIRROR=${POND_DEBIAN_MIRROR:-http://deb.debian.org/debian}
ALL_IMAGES=(busybox:1.35 postgres:15)
PG_PACKAGES=postgresql-15
ROOTFS_REV=2 # bump when pg_rootfs_tarball's slimming changes
PG_STAGE=pond-stage/postgres-rootfs:15-bookworm-r$ROOTFS_REV
HASH_LABEL=dev.pond.stand-in-hash

die() { printf 'images.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

inputs_hash() { # hash of the files a stand-in is built from
  { echo "rootfs r$ROOTFS_REV"; cd "$ROOT/images/$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; } |
    sha256sum | cut -c1-16
}

# state IMAGE NAME → present | stale | missing
state() {
  local label
  label=$(docker image inspect -f "{{index .Config.Labels \"$HASH_LABEL\"}}" "$1" 2>/dev/null) ||
    { echo missing; return; }
  if [ -z "$label" ] || [ "$label" = "<no value>" ] || [ "$label" = "$(inputs_hash "$2")" ]; then
    echo present
  else
    echo stale
  fi
}

build_busybox() { # FROM scratch: Debian's static busybox, applet symlinks in /bin, passwd/group, /tmp
  apt_install busybox-static || die "could not install busybox-static"
  local rootfs
  rootfs=$(mktemp -d /var/tmp/pond-busybox.XXXXXX)
  chmod 755 "$rootfs"
  install -d -m 755 "$rootfs"/{bin,sbin,etc,home,usr/bin,usr/sbin,var/www}
  install -d -m 700 "$rootfs/root"
  install -d -m 1777 "$rootfs/tmp"
  install -m 755 /bin/busybox "$rootfs/bin/busybox"
  install -m 644 "$ROOT/images/busybox/passwd" "$ROOT/images/busybox/group" "$rootfs/etc/"
  chroot "$rootfs" /bin/busybox --install -s /bin
  tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -cf - . |
    docker import -m "pond stand-in: Debian busybox-static" \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["sh"]' \
      --change "LABEL $HASH_LABEL=$(inputs_hash busybox)" - busybox:1.35 >/dev/null
  rm -rf --one-file-system "$rootfs"
}

# Debian bookworm + PostgreSQL 15, debootstrapped once and cached as a tarball: slimmed of apt
# lists, docs, man pages, translations, locales other than C.UTF-8, the JIT, the packaged cluster.
pg_rootfs_tarball() {
  local tarball dir log
  tarball="$CACHE/postgres-15-bookworm-$(echo "$PG_PACKAGES r$ROOTFS_REV" | sha256sum | cut -c1-12).tar"
  if [ ! -s "$tarball" ]; then
    apt_install debootstrap debian-archive-keyring || die "could not install debootstrap"
    mkdir -p "$CACHE"
    dir=$(mktemp -d /var/tmp/pond-pg-rootfs.XXXXXX)
    log="$CACHE/debootstrap.log"
    local t0; t0=$(now)
    debootstrap --variant=minbase --include="$PG_PACKAGES" bookworm "$dir" "$MIRROR" >"$log" 2>&1 ||
      { tail -n 30 "$log" >&2; die "debootstrap failed (log: $log)"; }
    echo "images.sh: debootstrap took $(since "$t0")s" >&2
    (
      cd "$dir"
      rm -rf var/lib/apt/lists/* var/cache/apt/* var/cache/debconf/*-old var/log/* \
        usr/share/doc/* usr/share/man/* usr/share/info/* usr/share/lintian usr/share/locale/* \
        usr/share/i18n var/lib/postgresql/15 etc/postgresql/15 \
        etc/ssl/private/ssl-cert-snakeoil.key etc/ssl/certs/ssl-cert-snakeoil.pem
      # LLVM (+z3) serves only the JIT (130 MB); without llvmjit.so the server just runs without JIT.
      rm -rf usr/lib/postgresql/15/lib/llvmjit* usr/lib/postgresql/15/lib/bitcode \
        usr/lib/x86_64-linux-gnu/libLLVM-* usr/lib/x86_64-linux-gnu/libz3.so*
      find usr/lib/locale -mindepth 1 -maxdepth 1 ! -name C.utf8 -exec rm -rf {} +
      : >etc/resolv.conf
      echo pond >etc/hostname
    )
    tar --numeric-owner -C "$dir" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf --one-file-system "$dir"
  fi
  echo "$tarball"
}

build_postgres() { # rootfs → pond-stage image (docker import) → images/postgres/Dockerfile
  if ! docker image inspect "$PG_STAGE" >/dev/null 2>&1; then
    local tarball t0
    tarball=$(pg_rootfs_tarball)
    t0=$(now)
    docker import -m "pond stage: debootstrap bookworm minbase + $PG_PACKAGES" "$tarball" "$PG_STAGE" >/dev/null
    echo "images.sh: docker import took $(since "$t0")s" >&2
  fi
  local log; log=$(mktemp)
  docker build --build-arg "BASE=$PG_STAGE" --label "$HASH_LABEL=$(inputs_hash postgres)" \
    -t postgres:15 "$ROOT/images/postgres" \
    >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "docker build of postgres:15 failed"; }
  rm -f "$log"
}

drop_if_dangling() { # the stand-in a rebuild replaced, unless still tagged or used by a container
  [ -n "$1" ] || return 0
  [ "$(docker image inspect -f '{{len .RepoTags}}' "$1" 2>/dev/null)" = 0 ] || return 0
  docker rmi "$1" >/dev/null 2>&1 || :
}

ensure() { # ensure IMAGE
  local image=$1 name=${1%%:*} t0 st
  mkdir -p "$CACHE"
  exec 8>"$CACHE/$name.lock"
  flock 8 # a concurrent run waits here, then finds the image present
  st=$(state "$image" "$name")
  if [ "$st" = present ]; then
    echo "$image present"
  elif [ "$st" = missing ] && [ "${POND_PULL:-1}" != 0 ] &&
    timeout "${POND_PULL_TIMEOUT:-600}" docker pull -q "$image" >/dev/null 2>&1; then
    echo "$image pulled"
  else
    t0=$(now)
    local old; old=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || :)
    "build_$name"
    echo "$image built in $(since "$t0")s$([ "$st" = stale ] && echo ' (was stale)')"
    drop_if_dangling "$old"
  fi
  exec 8>&-
}

resolve() { # busybox → busybox:1.35
  local known
  for known in "${ALL_IMAGES[@]}"; do
    if [ "$1" = "$known" ] || [ "$1" = "${known%%:*}" ]; then echo "$known"; return; fi
  done
  die "unknown image '$1' (known: ${ALL_IMAGES[*]})"
}

main() {
  docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/engine.sh first"
  local images=("$@") i
  ((${#images[@]})) || images=("${ALL_IMAGES[@]}")
  for i in "${images[@]}"; do ensure "$(resolve "$i")"; done
}

main "$@"
