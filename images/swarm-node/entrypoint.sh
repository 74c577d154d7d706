#!/bin/sh
# PID 1 of a pond-swarm node (busybox sh): makes the container able to host a dockerd, then execs it.
# The node runs without --privileged (this machine's bounding set lacks CAP_SYS_RESOURCE), so /sys and
# the cgroup v1 hierarchies arrive read-only and are remounted read-write here.
set -eu

mount -o remount,rw /sys 2>/dev/null || :
mount -o remount,bind,rw /sys/fs/cgroup 2>/dev/null || :
for d in /sys/fs/cgroup/*; do
  [ -d "$d" ] && mount -o remount,bind,rw "$d" 2>/dev/null || :
done

# A SIGKILLed node leaves pid files on its volume; dockerd and containerd refuse to start over them.
rm -f /var/run/docker.pid /var/lib/docker/containerd/daemon/*.pid 2>/dev/null || :
mkdir -p /run/pond-sock /var/lib/docker
rm -f /run/pond-sock/docker.sock

# Same iptables backend as the host when the kernel takes it here, else legacy.
if iptables-nft -t nat -L >/dev/null 2>&1; then mode=nft; else mode=legacy; fi
for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
  ln -sf "$(echo "$t" | sed "s/tables/tables-$mode/")" "/usr/sbin/$t"
done

exec dockerd -H unix:///run/pond-sock/docker.sock --storage-driver "${POND_NODE_STORAGE:-overlay2}" "$@"
