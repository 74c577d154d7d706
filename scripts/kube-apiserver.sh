#!/usr/bin/env bash
# A throwaway Kubernetes API server on loopback, so the kube export is checked by a real server (dry-run).
#
#   bash scripts/kube-apiserver.sh build     # build kube-apiserver 1.20.2 from Debian's source once, into the cache
#   bash scripts/kube-apiserver.sh up DIR    # etcd + kube-apiserver on 127.0.0.1, data in DIR; prints DIR/kubeconfig
#   bash scripts/kube-apiserver.sh down DIR  # stop both and remove DIR
#   bash scripts/kube-apiserver.sh status    # whether the cached binary exists; exit 0 only when it does
#
# Debian ships kubectl (kubernetes-client) but no kube-apiserver binary, so `build` compiles it from the
# `kubernetes` source package (1.20.2, with vendor/): about 4-14 min on 2 cores, once. Its vendored reflect2 1.0.1
# crashes at run time under Go >= 1.18, so Debian's reflect2 1.0.2 replaces it in vendor/ before the build.
# The binary, the source tree and its Go build cache live under /var/cache/pond, outside any clone, so CI runs
# reuse them.
# The server runs no controllers that need nodes and no pods: it is only there to validate and dry-run objects.
# It allows every request (AlwaysAllow) from a static token, and listens on 127.0.0.1 only. Needs root for build.
set -euo pipefail

VERSION=1.20.2
CACHE=${POND_KUBE_CACHE:-/var/cache/pond}
BIN=$CACHE/kube-apiserver-$VERSION/kube-apiserver
SRC_DIR=$CACHE/src
DEPS=(golang-go rsync dpkg-dev golang-github-modern-go-reflect2-dev etcd-server)
REFLECT2=/usr/share/gocode/src/github.com/modern-go/reflect2
DEB_SRC=/etc/apt/sources.list.d/pond-deb-src.sources
WAIT=${POND_KUBE_WAIT:-60}
T0=$(date +%s.%N)

say() { printf 'kube-apiserver.sh: %s\n' "$*"; }
die() { say "$*" >&2; exit 1; }
secs() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# ---- build ------------------------------------------------------------------------------------------
apt_lines() { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || :; }
have_deb_src() { apt_lines | grep -qE '^(deb-src|Types:.*deb-src)'; }

add_deb_src() { # the source line for bookworm main, on the mirror the binary lines already use
  local uri key
  have_deb_src && return 0
  uri=$(apt_lines | grep -E '^URIs:.*debian/?$|^deb .*debian/? bookworm' | grep -v security | awk 'NR == 1 { print $2 }')
  [ -n "$uri" ] || uri=http://deb.debian.org/debian
  key=/usr/share/keyrings/debian-archive-keyring.gpg # the same Signed-By as the deb lines, or apt refuses both
  printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' "$uri" "$key" >"$DEB_SRC"
  apt-get update -qq
}

install_deps() {
  local missing=() p
  for p in "${DEPS[@]}"; do # "installed", not just unpacked by an apt-get that failed halfway
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  command -v kubectl >/dev/null || missing+=(kubernetes-client) # any kubectl will do; another package may own it
  ((${#missing[@]} == 0)) && return 0
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

fetch_source() { # prints the unpacked source tree; reuses an earlier download
  local tree
  tree=$(find "$SRC_DIR" -maxdepth 1 -type d -name "kubernetes-*" 2>/dev/null | head -n 1)
  if [ -z "$tree" ]; then
    mkdir -p "$SRC_DIR"
    (cd "$SRC_DIR" && apt-get source -qq kubernetes >&2) # 1.20.5+really1.20.2 in bookworm
    tree=$(find "$SRC_DIR" -maxdepth 1 -type d -name "kubernetes-*" | head -n 1)
  fi
  [ -n "$tree" ] && [ -d "$tree/vendor" ] || die "no kubernetes source tree with vendor/ under $SRC_DIR"
  echo "$tree"
}

swap_reflect2() { # swap_reflect2 TREE: Debian's reflect2 1.0.2 in place of the vendored 1.0.1
  local dst=$1/vendor/github.com/modern-go/reflect2
  [ -d "$REFLECT2" ] || die "missing $REFLECT2 (golang-github-modern-go-reflect2-dev)"
  rm -rf "$dst"
  mkdir -p "$dst"
  find "$REFLECT2" -maxdepth 1 -type f -name '*.go' ! -name '*_test.go' -exec cp -L {} "$dst/" \;
}

cmd_build() {
  local tree t
  if [ -x "$BIN" ]; then
    say "cached: $BIN ($(secs "$T0")s)"
    return 0
  fi
  ((EUID == 0)) || die "build needs root (apt-get)"
  mkdir -p "$CACHE"
  exec 9>"$CACHE/build.lock"
  flock -n 9 || { say "another build holds $CACHE/build.lock: waiting"; flock 9; }
  if [ -x "$BIN" ]; then
    say "built meanwhile: $BIN"
    return 0
  fi
  add_deb_src
  install_deps
  tree=$(fetch_source)
  swap_reflect2 "$tree"
  t=$(date +%s.%N)
  say "make WHAT=cmd/kube-apiserver in $tree"
  # hack/ sets GOCACHE to the tree's _output/local/go/cache: the tree stays under $SRC_DIR, so a rerun is incremental.
  (cd "$tree" && GOFLAGS=-mod=vendor make WHAT=cmd/kube-apiserver)
  say "compiled in $(secs "$t")s"
  mkdir -p "$(dirname "$BIN")"
  cp "$tree/_output/bin/kube-apiserver" "$BIN.tmp"
  mv "$BIN.tmp" "$BIN"
  say "built $BIN in $(secs "$T0")s"
}

# ---- up / down ---------------------------------------------------------------------------------------
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
started_and_gone() { [ -s "$1/$2.pid" ] && ! kill -0 "$(cat "$1/$2.pid")" 2>/dev/null; } # started_and_gone DIR NAME

start_etcd() { # start_etcd DIR: prints the client URL
  local dir=$1 client peer
  client=$(free_port)
  peer=$(free_port)
  etcd --name pond --data-dir "$dir/etcd" --listen-client-urls "http://127.0.0.1:$client" \
    --advertise-client-urls "http://127.0.0.1:$client" --listen-peer-urls "http://127.0.0.1:$peer" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer" --initial-cluster "pond=http://127.0.0.1:$peer" \
    >"$dir/etcd.log" 2>&1 &
  echo $! >"$dir/etcd.pid"
  echo "http://127.0.0.1:$client"
}

make_credentials() { # make_credentials DIR: the service-account key pair and the one static token
  local dir=$1
  openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
  openssl rand -hex 16 >"$dir/token"
  printf '%s,pond-test,pond-test,system:masters\n' "$(cat "$dir/token")" >"$dir/tokens.csv"
}

start_apiserver() { # start_apiserver DIR ETCD_URL PORT
  local dir=$1
  "$BIN" --etcd-servers="$2" --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$3" \
    --insecure-port=0 --cert-dir="$dir/certs" --authorization-mode=AlwaysAllow --token-auth-file="$dir/tokens.csv" \
    --service-account-key-file="$dir/sa.pub" --service-account-signing-key-file="$dir/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local --service-cluster-ip-range=10.0.0.0/24 \
    >"$dir/apiserver.log" 2>&1 &
  echo $! >"$dir/apiserver.pid"
}

write_kubeconfig() { # write_kubeconfig DIR PORT: a self-signed server certificate on loopback, so no CA to pin
  cat >"$1/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
  - name: pond
    cluster: { server: "https://127.0.0.1:$2", insecure-skip-tls-verify: true }
users:
  - name: pond-test
    user: { token: "$(cat "$1/token")" }
contexts:
  - name: pond
    context: { cluster: pond, user: pond-test, namespace: default }
current-context: pond
KUBECONFIG
}

wait_for() { # wait_for DIR WHAT CMD...: until CMD succeeds, both processes alive, within WAIT seconds
  local dir=$1 what=$2 deadline=$((SECONDS + WAIT))
  shift 2
  until "$@" >/dev/null 2>&1; do
    started_and_gone "$dir" etcd && die "etcd exited: $(tail -n 3 "$dir/etcd.log")"
    started_and_gone "$dir" apiserver && die "kube-apiserver exited: $(tail -n 3 "$dir/apiserver.log")"
    ((SECONDS < deadline)) || die "no $what within ${WAIT}s (logs in $dir)"
    sleep 0.2
  done
}

cmd_up() {
  local dir=${1:-} etcd_url port
  [ -n "$dir" ] || die "usage: up DIR"
  [ -x "$BIN" ] || die "no $BIN: run bash $0 build"
  command -v etcd >/dev/null || die "no etcd: apt-get install etcd-server"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  make_credentials "$dir"
  etcd_url=$(start_etcd "$dir")
  wait_for "$dir" "etcd health" curl -fsS "$etcd_url/health"
  port=$(free_port)
  start_apiserver "$dir" "$etcd_url" "$port"
  write_kubeconfig "$dir" "$port"
  wait_for "$dir" "/readyz" curl -fsSk -H "Authorization: Bearer $(cat "$dir/token")" "https://127.0.0.1:$port/readyz"
  wait_for "$dir" "default namespace" kubectl --kubeconfig "$dir/kubeconfig" get namespace default
  say "up in $(secs "$T0")s on 127.0.0.1:$port" >&2
  echo "$dir/kubeconfig"
}

stop_pid() { # stop_pid FILE: TERM, then KILL after 10 s
  local pid i
  [ -s "$1" ] || return 0
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || :
}

cmd_down() {
  local dir=${1:-}
  [ -n "$dir" ] || die "usage: down DIR"
  [ -d "$dir" ] || return 0
  stop_pid "$dir/apiserver.pid"
  stop_pid "$dir/etcd.pid"
  rm -rf "$dir"
  say "down in $(secs "$T0")s"
}

cmd_status() {
  if [ -x "$BIN" ]; then
    say "cached: $BIN"
    return 0
  fi
  say "absent: $BIN (bash scripts/kube-apiserver.sh build, 4-14 min)"
  return 1
}

case "${1:-}" in
  build) cmd_build ;;
  up) cmd_up "${2:-}" ;;
  down) cmd_down "${2:-}" ;;
  status) cmd_status ;;
  *) sed -n '2,7s/^# \{0,1\}//p' "$0"; [ -n "${1:-}" ] && [ "$1" != -h ] && [ "$1" != --help ] && exit 2; exit 0 ;;
esac
