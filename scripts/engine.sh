#!/usr/bin/env bash
# Makes sure a Docker engine answers, installing and starting Debian's one if needed.
#
#   bash scripts/engine.sh [--with-compose]
#
# Engine answers (`docker info`, DOCKER_HOST respected) → exit 0 at once. Otherwise, as root: install
# Debian's docker.io if dockerd is missing, start dockerd in the background (log:
# /var/log/pond-dockerd.log; dockerd picks overlay2 when the file system allows it and falls back by
# itself; extra flags in POND_DOCKERD_ARGS), wait up to POND_ENGINE_WAIT seconds (60) for it to
# answer. Safe to run concurrently: one run starts the daemon, the others wait for it.
# --with-compose also installs Debian's docker-compose (v1; only bench/ uses it).
# Prints one line saying what it did.
set -euo pipefail

LOG=/var/log/pond-dockerd.log
LOCK=/var/lock/pond-engine.lock
WAIT=${POND_ENGINE_WAIT:-60}

say() { printf 'engine.sh: %s\n' "$*"; }
die() { say "$*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
answers() { command -v docker >/dev/null && timeout 15 docker info >/dev/null 2>&1; }
describe() { docker info -f 'dockerd {{.ServerVersion}}, storage {{.Driver}}' 2>/dev/null || echo dockerd; }

# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

# wait_up PID: polls until the engine answers; fails early if the daemon died.
wait_up() {
  local deadline=$((SECONDS + WAIT))
  while ((SECONDS < deadline)); do
    answers && return 0
    [ -z "${1:-}" ] || kill -0 "$1" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

start_dockerd() {
  local pid args
  read -ra args <<<"${POND_DOCKERD_ARGS:-}" # e.g. --storage-driver=vfs
  set -- "${args[@]}"
  # setsid + closed lock fd: the daemon outlives this script and does not hold the lock.
  setsid dockerd "$@" >>"$LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  if wait_up "$pid"; then return 0; fi
  kill -0 "$pid" 2>/dev/null && return 1 # alive but silent: let the caller report it
  # Died. The usual cause in containers and odd kernels is nftables: retry once with legacy iptables.
  if grep -qi iptables <(tail -n 20 "$LOG") && [ -x /usr/sbin/iptables-legacy ] &&
    [ "$(readlink -f /usr/sbin/iptables)" != /usr/sbin/iptables-legacy ]; then
    update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
    update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null 2>&1 || :
    DID+=("switched to iptables-legacy")
    setsid dockerd "$@" >>"$LOG" 2>&1 </dev/null 9>&- &
    wait_up "$!" && return 0
  fi
  return 1
}

ensure_engine() {
  if answers; then DID+=("$(describe) already answering"); return; fi
  if [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != unix:///var/run/docker.sock ]; then
    die "DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local dockerd for it"
  fi
  [ "$(id -u)" = 0 ] || die "no Docker engine answers and starting one needs root"

  exec 9>"$LOCK"
  flock -w $((WAIT * 3)) 9 || die "timed out waiting for another engine.sh (lock $LOCK)"
  if answers; then DID+=("$(describe) answering (started by a concurrent run)"); return; fi
  if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
    apt_install docker.io || die "could not install docker.io"
    DID+=("installed docker.io")
  fi

  local t0 pid
  t0=$(now)
  if pid=$(pidof dockerd); then
    wait_up "$pid" || die "dockerd (pid $pid) runs but does not answer after ${WAIT}s; see its log"
    DID+=("waited $(since "$t0")s for the running $(describe)")
    return
  fi
  echo "---- $(date -Is) engine.sh starting dockerd" >>"$LOG"
  if ! start_dockerd; then
    tail -n 30 "$LOG" >&2
    die "dockerd did not answer within ${WAIT}s (log: $LOG)"
  fi
  DID+=("started $(describe) in $(since "$t0")s, log $LOG")
}

main() {
  local compose=false arg
  for arg; do
    case "$arg" in
      --with-compose) compose=true ;;
      -h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
      *) die "unknown argument: $arg (usage: engine.sh [--with-compose])" ;;
    esac
  done
  DID=()
  ensure_engine
  if $compose; then
    command -v docker-compose >/dev/null || apt_install docker-compose || die "could not install docker-compose"
  fi
  local line
  line=$(printf '%s; ' "${DID[@]}")
  say "${line%; }"
}

main "$@"
