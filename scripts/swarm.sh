#!/usr/bin/env bash
# A 3-node Docker Swarm of docker-in-docker nodes on the local engine, for the Swarm backend's live tests.
#
#   bash scripts/swarm.sh up             # build the node image if missing, start 3 nodes, swarm, images, labels
#   bash scripts/swarm.sh env            # DOCKER_HOST=... of the manager, POND_SWARM_REGISTRY=host:port
#   bash scripts/swarm.sh status         # node list; exit 0 only when 3 nodes are Ready
#   bash scripts/swarm.sh kill-node N    # docker kill pond-swarm-N: a node loss
#   bash scripts/swarm.sh start-node N   # start it again; waits until it is Ready in the swarm
#   bash scripts/swarm.sh down           # remove nodes, their volumes, the network and /run/pond-swarm
#
# Node N is the container pond-swarm-N (node 1 is the manager, 2 and 3 workers) on the user-defined
# bridge pond-swarm. Its dockerd listens only on a unix socket in a host folder, /run/pond-swarm/N/docker.sock,
# so a dockerd never runs in the host's network namespace. /var/lib/docker of a node is the volume
# pond-swarm-N-data: a restarted node keeps its images and its swarm identity. The node image
# (pond-swarm-node:local) is FROM scratch, made of this host's own dockerd, containerd, runc, iptables and
# busybox with their shared libraries (images/swarm-node/). Nodes are not --privileged (that fails on hosts
# whose capability bounding set lacks CAP_SYS_RESOURCE); see node_run_flags. Idempotent; needs root.
# The registry is the container pond-swarm-registry (Debian's docker-registry in a FROM scratch image,
# pond-swarm-registry:local, unprivileged, read-only) at .10 of the same bridge, port 5000, with its storage
# in the volume pond-swarm-registry-data: nothing listens on the host. Every node's dockerd trusts it over
# plain HTTP through /etc/docker/daemon.json, applied by SIGHUP (a reloadable option), so no node restarts.
# POND_SWARM_STORAGE picks the nodes' storage driver (overlay2; vfs where overlay-on-volume fails).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODES=(1 2 3)
IMAGE=pond-swarm-node:local
NET=pond-swarm
RUN_DIR=/run/pond-swarm
LABEL=pond.swarm=1
LOAD_IMAGES=(busybox:1.35 python:3.11-slim node:20-slim postgres:15-alpine postgres:15)
SUBNETS=(172.31.250.0/24 172.30.250.0/24 192.168.250.0/24) # none in 10/8: Swarm's own overlay address pool
STORAGE=${POND_SWARM_STORAGE:-overlay2}
WAIT=${POND_SWARM_WAIT:-90}
REGISTRY_IMAGE=pond-swarm-registry:local
REGISTRY_NAME=pond-swarm-registry
REGISTRY_PORT=5000
T0=$(date +%s.%N)

say() { printf 'swarm.sh: %s\n' "$*"; }
die() { say "$*" >&2; exit 1; }
secs() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
step() { # step LABEL CMD...: runs CMD, prints LABEL with its duration
  local t label=$1
  shift
  t=$(date +%s.%N)
  "$@"
  say "$label ($(secs "$t")s)"
}
sock() { echo "$RUN_DIR/$1/docker.sock"; }
dk() { # dk N ARGS...: the docker CLI against node N
  local n=$1
  shift
  docker -H "unix://$(sock "$n")" "$@"
}
answers() { timeout 10 docker -H "unix://$(sock "$1")" version -f '{{.Server.Version}}' >/dev/null 2>&1; }
running() { [ "$(docker inspect -f '{{.State.Running}}' "pond-swarm-$1" 2>/dev/null)" = true ]; }
check_node() { [[ $1 =~ ^[123]$ ]] || die "node must be 1, 2 or 3 (got '${1:-}')"; }

# ---- node image -------------------------------------------------------------------------------------
BINARIES=(/usr/sbin/dockerd /usr/bin/containerd /usr/bin/containerd-shim-runc-v2 /usr/bin/runc
  /usr/bin/docker-init /usr/sbin/docker-proxy /usr/bin/docker /usr/sbin/xtables-nft-multi
  /usr/sbin/xtables-legacy-multi /usr/bin/ip)
APPLETS=(sh mount umount mkdir rm ln sed echo cat ls ps sleep ping wget hostname nslookup kill grep tail)

copy_with_libs() { # copy_with_libs ROOT FILE...: files and the shared libraries ldd names for them
  local root=$1 f
  shift
  for f in "$@" $(ldd "$@" 2>/dev/null | awk '/=> \// { print $3 } /^\t\// { print $1 }' | sort -u); do
    f=$(readlink -f "$(dirname "$f")")/$(basename "$f") # the name as the loader looks it up, in a merged /usr
    mkdir -p "$root$(dirname "$f")"
    cp -nL "$f" "$root$f"
  done
}

build_rootfs() { # build_rootfs DIR
  local r=$1 f name
  mkdir -p "$r"/{usr/bin,usr/sbin,usr/lib,usr/lib64,etc,proc,sys,dev,run,tmp,var/lib/docker}
  ln -s usr/bin "$r/bin"; ln -s usr/sbin "$r/sbin"; ln -s usr/lib "$r/lib"; ln -s usr/lib64 "$r/lib64"
  ln -s ../run "$r/var/run"
  copy_with_libs "$r" "${BINARIES[@]}" /usr/lib/x86_64-linux-gnu/xtables/*.so
  for f in /usr/sbin/*tables*; do # the name-dispatching links of xtables-{nft,legacy}-multi
    [ -L "$f" ] || continue
    name=$(readlink "$f")
    case "$name" in xtables-nft-multi | xtables-legacy-multi) ln -s "$name" "$r$f" ;; esac
  done
  cp /usr/bin/busybox "$r/usr/bin/busybox"
  for name in "${APPLETS[@]}"; do ln -s busybox "$r/usr/bin/$name"; done
  cp "$ROOT/images/busybox/passwd" "$ROOT/images/busybox/group" /etc/nsswitch.conf "$r/etc/"
  cp "$ROOT/images/swarm-node/entrypoint.sh" "$r/entrypoint.sh"
}

build_image() {
  local tmp
  tmp=$(mktemp -d /tmp/pond-swarm-rootfs.XXXXXX)
  build_rootfs "$tmp"
  tar -C "$tmp" -c . | docker import \
    -c 'ENTRYPOINT ["/bin/sh", "/entrypoint.sh"]' \
    -c 'ENV PATH=/usr/sbin:/usr/bin' \
    -c "LABEL pond.swarm.rev=$(image_rev)" - "$IMAGE" >/dev/null
  rm -rf "$tmp"
}

image_rev() { # changes when the entrypoint or what goes into the rootfs does
  { cat "$ROOT/images/swarm-node/entrypoint.sh"; declare -f copy_with_libs build_rootfs build_image
    echo "${BINARIES[*]} ${APPLETS[*]}"; } | sha256sum | cut -c1-12
}

ensure_image() {
  local f
  if [ "$(docker image inspect -f '{{index .Config.Labels "pond.swarm.rev"}}' "$IMAGE" 2>/dev/null)" = "$(image_rev)" ]; then
    say "image $IMAGE present"
    return
  fi
  for f in "${BINARIES[@]}" /usr/bin/busybox; do [ -x "$f" ] || die "missing $f (Debian: docker.io, iptables, iproute2, busybox-static)"; done
  step "built $IMAGE from this host's binaries" build_image
}

# ---- registry -------------------------------------------------------------------------------------------
REGISTRY_BINARY=/usr/bin/docker-registry

registry_rev() {
  { declare -f build_registry_rootfs build_registry_image; echo "$REGISTRY_BINARY $REGISTRY_PORT"; } | sha256sum | cut -c1-12
}

build_registry_rootfs() { # build_registry_rootfs DIR: the binary, its libraries, a config without auth
  local r=$1
  mkdir -p "$r"/{usr/bin,usr/lib,usr/lib64,etc/docker/registry,tmp,var/lib/registry}
  ln -s usr/bin "$r/bin"; ln -s usr/lib "$r/lib"; ln -s usr/lib64 "$r/lib64"
  copy_with_libs "$r" "$REGISTRY_BINARY"
  printf '%s\n' 'version: 0.1' 'storage:' '  filesystem:' '    rootdirectory: /var/lib/registry' \
    '  delete:' '    enabled: true' 'http:' "  addr: :$REGISTRY_PORT" >"$r/etc/docker/registry/config.yml"
  chown 65534:65534 "$r/var/lib/registry" # the volume inherits it: the registry runs as nobody
}

build_registry_image() {
  local tmp
  tmp=$(mktemp -d /tmp/pond-swarm-registry.XXXXXX)
  build_registry_rootfs "$tmp"
  tar -C "$tmp" -c . | docker import \
    -c "ENTRYPOINT [\"$REGISTRY_BINARY\", \"serve\", \"/etc/docker/registry/config.yml\"]" \
    -c "LABEL pond.swarm.rev=$(registry_rev)" - "$REGISTRY_IMAGE" >/dev/null
  rm -rf "$tmp"
}

registry_addr() { local s; s=$(subnet); echo "${s%.*/*}.10:$REGISTRY_PORT"; }

ensure_registry() { # the image when its rev changed, the container when missing, stopped or on an old image
  local have
  [ -x "$REGISTRY_BINARY" ] || die "missing $REGISTRY_BINARY (Debian: docker-registry)"
  if [ "$(docker image inspect -f '{{index .Config.Labels "pond.swarm.rev"}}' "$REGISTRY_IMAGE" 2>/dev/null)" != "$(registry_rev)" ]; then
    build_registry_image
  fi
  if have=$(docker inspect -f '{{.Image}}' "$REGISTRY_NAME" 2>/dev/null); then
    if [ "$have" = "$(docker image inspect -f '{{.Id}}' "$REGISTRY_IMAGE")" ]; then
      [ "$(docker inspect -f '{{.State.Running}}' "$REGISTRY_NAME")" = true ] || docker start "$REGISTRY_NAME" >/dev/null
      return
    fi
    docker rm -f "$REGISTRY_NAME" >/dev/null # its volume keeps the pushed images
  fi
  docker run -d --name "$REGISTRY_NAME" --hostname "$REGISTRY_NAME" --label "$LABEL" \
    --network "$NET" --ip "${1%:*}" --user 65534:65534 --read-only --tmpfs /tmp --cap-drop ALL \
    --security-opt no-new-privileges \
    --mount "type=volume,source=$REGISTRY_NAME-data,target=/var/lib/registry,volume-label=$LABEL" \
    "$REGISTRY_IMAGE" >/dev/null
}

trust_registry() { # trust_registry N ADDR: node N's dockerd pulls and pushes ADDR over plain HTTP
  local n=$1 addr=$2
  [[ $(dk "$n" info -f '{{json .RegistryConfig.IndexConfigs}}' 2>/dev/null) == *"\"$addr\""* ]] && return 0
  printf '{ "insecure-registries": ["%s"] }\n' "$addr" |
    docker exec -i "pond-swarm-$n" sh -c 'mkdir -p /etc/docker && cat >/etc/docker/daemon.json && kill -HUP "$(cat /var/run/docker.pid)"'
  local deadline=$((SECONDS + 10))
  until [[ $(dk "$n" info -f '{{json .RegistryConfig.IndexConfigs}}' 2>/dev/null) == *"\"$addr\""* ]]; do
    ((SECONDS < deadline)) || die "node $n's dockerd did not take $addr as an insecure registry"
    sleep 0.2
  done
}

wait_registry() { # wait_registry ADDR: until the manager's node reaches it
  local deadline=$((SECONDS + 30))
  until docker exec pond-swarm-1 wget -q -O /dev/null "http://$1/v2/" 2>/dev/null; do
    ((SECONDS < deadline)) || die "the registry at $1 does not answer from node 1"
    sleep 0.3
  done
}

registry_up() {
  local addr n
  addr=$(registry_addr)
  ensure_registry "$addr"
  for n in "${NODES[@]}"; do trust_registry "$n" "$addr"; done
  wait_registry "$addr"
}

# ---- network ------------------------------------------------------------------------------------------
ip2int() { local IFS=.; read -r a b c d <<<"$1"; echo $(((a << 24) | (b << 16) | (c << 8) | d)); }
overlaps() { # overlaps CIDR CIDR
  local a=${1%/*} am=${1#*/} b=${2%/*} bm=${2#*/} m
  m=$((am < bm ? am : bm))
  (((($(ip2int "$a") ^ $(ip2int "$b")) >> (32 - m)) == 0))
}
taken_subnets() {
  docker network inspect $(docker network ls -q) -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' 2>/dev/null | tr ' ' '\n'
  ip -4 route show 2>/dev/null | awk '$1 ~ /\// { print $1 }'
}
pick_subnet() {
  local s t taken
  taken=$(taken_subnets | grep -E '^[0-9.]+/[0-9]+$' || true)
  for s in "${SUBNETS[@]}"; do
    for t in $taken; do overlaps "$s" "$t" && continue 2; done
    echo "$s"
    return
  done
  die "every candidate subnet (${SUBNETS[*]}) overlaps a network here"
}
subnet() { docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' "$NET"; }
node_ip() { local s; s=$(subnet); echo "${s%.*/*}.$((10 + $1))"; }

ensure_network() {
  if docker network inspect "$NET" >/dev/null 2>&1; then return; fi
  local s
  s=$(pick_subnet)
  docker network create --driver bridge --subnet "$s" --label "$LABEL" "$NET" >/dev/null
  say "network $NET $s"
}

# ---- nodes ----------------------------------------------------------------------------------------------
node_run_flags() {
  printf '%s\n' --cap-add ALL --cap-drop SYS_RESOURCE \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
    --device-cgroup-rule 'a *:* rwm' --cgroupns=private --init \
    --tmpfs /run:rw,exec,nosuid,mode=755 --tmpfs /tmp:rw,exec,nosuid,mode=1777
}

start_container() { # start_container N: run it, start it when stopped, replace it when its image is old
  local n=$1 flags have
  mkdir -p "$RUN_DIR/$n"
  if have=$(docker inspect -f '{{.Image}}' "pond-swarm-$n" 2>/dev/null); then
    if [ "$have" = "$(docker image inspect -f '{{.Id}}' "$IMAGE")" ]; then
      running "$n" || docker start "pond-swarm-$n" >/dev/null
      return
    fi
    docker rm -f "pond-swarm-$n" >/dev/null # its volume keeps the node's images and swarm identity
  fi
  mapfile -t flags < <(node_run_flags)
  docker run -d --name "pond-swarm-$n" --hostname "pond-swarm-$n" --label "$LABEL" \
    --network "$NET" --ip "$(node_ip "$n")" "${flags[@]}" \
    -e "POND_NODE_STORAGE=$STORAGE" \
    --mount "type=volume,source=pond-swarm-$n-data,target=/var/lib/docker,volume-label=$LABEL" \
    --mount "type=bind,source=$RUN_DIR/$n,target=/run/pond-sock" \
    "$IMAGE" >/dev/null
}

wait_engine() { # wait_engine N: until node N's dockerd answers; fails early if the node died
  local n=$1 deadline=$((SECONDS + WAIT))
  while ((SECONDS < deadline)); do
    answers "$n" && return 0
    running "$n" || break
    sleep 0.3
  done
  docker logs --tail 20 "pond-swarm-$n" >&2 2>&1 || :
  die "node $n's dockerd did not answer on $(sock "$n")"
}

start_nodes() {
  local n
  for n in "${NODES[@]}"; do start_container "$n"; done
  for n in "${NODES[@]}"; do wait_engine "$n"; done
}

# ---- swarm ----------------------------------------------------------------------------------------------
state() { dk "$1" info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null; }

form_swarm() {
  local n token members id
  if [ "$(state 1)" != active ]; then
    dk 1 swarm init --advertise-addr "$(node_ip 1)" --listen-addr "$(node_ip 1):2377" >/dev/null
  fi
  token=$(dk 1 swarm join-token -q worker)
  members=$(dk 1 node ls -q)
  for n in "${NODES[@]:1}"; do # a worker whose manager was recreated holds a swarm that no longer exists
    id=$(node_id "$n")
    [ "$(state "$n")" = active ] && [ -n "$id" ] && [[ $members == *"$id"* ]] && continue
    dk "$n" swarm leave --force >/dev/null 2>&1 || :
    dk "$n" swarm join --token "$token" --advertise-addr "$(node_ip "$n")" "$(node_ip 1):2377" >/dev/null
  done
}

missing_images() { # missing_images N: the host's images of LOAD_IMAGES that node N lacks
  local n=$1 img
  for img in "${LOAD_IMAGES[@]}"; do
    docker image inspect "$img" >/dev/null 2>&1 || continue
    dk "$n" image inspect "$img" >/dev/null 2>&1 || echo "$img"
  done
}

save_to_nodes() { # save_to_nodes "IMG..." N...: one docker save, streamed by tee into every node's docker load
  local imgs n fifo dir pids=()
  read -ra imgs <<<"$1"
  shift
  dir=$(mktemp -d /tmp/pond-swarm-load.XXXXXX)
  for n in "$@"; do
    fifo=$dir/$n
    mkfifo "$fifo"
    dk "$n" load -q <"$fifo" >/dev/null &
    pids+=($!)
  done
  docker save "${imgs[@]}" | tee "${@/#/$dir/}" >/dev/null
  local rc=0
  for n in "${pids[@]}"; do wait "$n" || rc=1; done
  rm -rf "$dir"
  return $rc
}

load_images() { # nodes that lack the same images share one save
  local n key pids=()
  declare -A groups=()
  for n in "${NODES[@]}"; do
    key=$(missing_images "$n" | tr '\n' ' ')
    [ -n "$key" ] && groups[$key]+="$n "
  done
  for key in "${!groups[@]}"; do
    # shellcheck disable=SC2086 # the node list splits on purpose
    save_to_nodes "$key" ${groups[$key]} &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n" || die "loading images into the nodes failed"; done
}

prune_stale() { # a node recreated with a fresh volume joined anew: drop its old Down entry
  local id n ids=()
  for n in "${NODES[@]}"; do ids+=("$(node_id "$n")"); done
  for id in $(dk 1 node ls -q); do
    [[ " ${ids[*]} " == *" $id "* ]] && continue
    [ "$(dk 1 node inspect -f '{{.Status.State}}' "$id")" = down ] && dk 1 node rm --force "$id" >/dev/null
  done
  return 0
}

label_nodes() {
  local n id
  for n in "${NODES[@]}"; do
    id=$(node_id "$n")
    [ "$(dk 1 node inspect -f '{{index .Spec.Labels "pond.node"}}' "$id")" = "$n" ] && continue
    dk 1 node update --label-add "pond.node=$n" "$id" >/dev/null
  done
}

ready_count() { dk 1 node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true; }

wait_ready() { # wait_ready [NODE]: until 3 nodes are Ready (and NODE's own one, when given)
  local deadline=$((SECONDS + WAIT)) id=
  while ((SECONDS < deadline)); do
    if [ -n "${1:-}" ] && [ -z "$id" ]; then id=$(node_id "$1" || true); fi
    if [ "$(ready_count)" = 3 ] &&
      { [ -z "${1:-}" ] || { [ "$(state "$1")" = active ] &&
        [ "$(dk 1 node inspect -f '{{.Status.State}}' "$id" 2>/dev/null)" = ready ]; }; }; then
      return 0
    fi
    sleep 0.5
  done
  dk 1 node ls >&2 || :
  die "the swarm did not show 3 Ready nodes within ${WAIT}s"
}

# ---- commands ---------------------------------------------------------------------------------------------
cmd_up() {
  [ "$(id -u)" = 0 ] || die "needs root"
  ensure_image
  ensure_network
  step "nodes pond-swarm-1..3 answer" start_nodes
  step "swarm formed (manager pond-swarm-1 at $(node_ip 1))" form_swarm
  step "images loaded ($(printf '%s ' "${LOAD_IMAGES[@]}"| sed 's/ $//'))" load_images
  prune_stale
  step "nodes labelled pond.node=1..3" label_nodes
  step "3 nodes Ready" wait_ready
  step "registry $(registry_addr) trusted by every node" registry_up
  say "up in $(secs "$T0")s, storage $(dk 1 info -f '{{.Driver}}'), manager DOCKER_HOST=unix://$(sock 1)"
}

cmd_status() {
  dk 1 node ls 2>/dev/null || { say "the manager does not answer on $(sock 1)"; return 1; }
  [ "$(ready_count)" = 3 ]
}

node_id() { dk "$1" info -f '{{.Swarm.NodeID}}' 2>/dev/null; }

wait_down() { # wait_down ID: until the manager has noticed the node is gone (missed heartbeats)
  local deadline=$((SECONDS + WAIT))
  while ((SECONDS < deadline)); do
    [ "$(dk 1 node inspect -f '{{.Status.State}}' "$1" 2>/dev/null)" = down ] && return 0
    sleep 0.5
  done
  die "the manager still does not show node $1 Down after ${WAIT}s"
}

cmd_kill_node() { # a worker: also waits until the manager shows it Down, so the loss is observable at once
  local id
  check_node "${1:-}"
  id=$(node_id "$1" || true)
  docker kill "pond-swarm-$1" >/dev/null
  say "killed pond-swarm-$1"
  [ "$1" = 1 ] || [ -z "$id" ] || step "the manager shows node $1 Down" wait_down "$id"
}

cmd_start_node() {
  check_node "${1:-}"
  start_container "$1"
  step "node $1 answers" wait_engine "$1"
  step "node $1 Ready in the swarm" wait_ready "$1"
  trust_registry "$1" "$(registry_addr)"
  say "node $1 back in $(secs "$T0")s"
}

cmd_down() {
  local n
  for n in "${NODES[@]}"; do docker rm -f -v "pond-swarm-$n" >/dev/null 2>&1 || :; done
  docker rm -f "$REGISTRY_NAME" >/dev/null 2>&1 || :
  for n in "${NODES[@]}"; do docker volume rm "pond-swarm-$n-data" >/dev/null 2>&1 & done # ~15 s each
  docker volume rm "$REGISTRY_NAME-data" >/dev/null 2>&1 || :
  wait
  docker network rm "$NET" >/dev/null 2>&1 || :
  rm -rf "$RUN_DIR"
  say "down in $(secs "$T0")s (image $IMAGE kept)"
}

case "${1:-}" in
  up) cmd_up ;;
  env) echo "DOCKER_HOST=unix://$(sock 1)"; echo "POND_SWARM_REGISTRY=$(registry_addr)" ;;
  status) cmd_status ;;
  kill-node) cmd_kill_node "${2:-}" ;;
  start-node) cmd_start_node "${2:-}" ;;
  down) cmd_down ;;
  *) sed -n '2,9s/^# \{0,1\}//p' "$0"; [ -n "${1:-}" ] && [ "$1" != -h ] && [ "$1" != --help ] && exit 2; exit 0 ;;
esac
