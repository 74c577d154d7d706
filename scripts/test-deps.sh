#!/usr/bin/env bash
# Test-only tools from Debian's packages, installed when missing (idempotent, no TTY needed):
#   docker-registry  a registry on loopback, so the e2e suite can prove that pond pulls a missing image.
set -euo pipefail
# shellcheck source=scripts/lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
if command -v docker-registry >/dev/null 2>&1; then
  echo "test-deps: docker-registry present"
  exit 0
fi
apt_install docker-registry
# The package starts its own service where it can; tests run a registry of their own on 127.0.0.1.
pkill -x docker-registry 2>/dev/null || true
echo "test-deps: installed docker-registry"
