#!/usr/bin/env bash
# Test-only tools from Debian's packages, installed when missing (idempotent, no TTY needed):
#   docker-registry  a registry on loopback, so the e2e suite can prove that pond pulls a missing image.
#   iproute2, util-linux, procps  ip netns, nsenter, pkill: the fault tests' own dockerd lives in a
#                    network namespace of its own (test/support/netns-engine.ts).
#   chromium         the browser test/browser/ drives through playwright-core (whose own download cannot run here).
set -euo pipefail
# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
apt_install iproute2 util-linux procps
apt_install chromium
if command -v docker-registry >/dev/null 2>&1; then
  echo "test-deps: docker-registry, ip, nsenter present"
  exit 0
fi
apt_install docker-registry
# The package starts its own service where it can; tests run a registry of their own on 127.0.0.1.
pkill -x docker-registry 2>/dev/null || true
echo "test-deps: installed docker-registry"
