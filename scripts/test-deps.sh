#!/usr/bin/env bash
# Test-only tools from Debian's packages, installed when missing (idempotent, no TTY needed):
#   docker-registry  a registry on loopback, so the e2e suite can prove that pond pulls a missing image.
set -euo pipefail
if command -v docker-registry >/dev/null 2>&1; then
  echo "test-deps: docker-registry present"
  exit 0
fi
exec 9>/var/lock/pond-apt.lock
flock 9
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >>/var/log/pond-apt.log 2>&1
apt-get install -y -qq --no-install-recommends docker-registry >>/var/log/pond-apt.log 2>&1
# The package's own service is not wanted: tests start a registry of their own on 127.0.0.1.
pkill -x docker-registry 2>/dev/null || true
echo "test-deps: installed docker-registry"
