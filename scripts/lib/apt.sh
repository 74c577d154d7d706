# shellcheck shell=bash
# Sourced by scripts/*.sh. apt_install PKG...: installs the Debian packages that are missing, one apt
# at a time across all of pond's scripts (one lock), logging to /var/log/pond-apt.log. Returns non-zero
# with the log's tail on stderr when the install fails.
apt_install() {
  local missing=() p
  for p; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "need root to apt-get install ${missing[*]}" >&2
    return 1
  fi
  echo "installing ${missing[*]} (Debian packages)" >&2
  local log=/var/log/pond-apt.log
  if ! (
    flock 9
    apt-get update || echo "apt-get update had errors, trying the install anyway"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  ) 9>/var/lock/pond-apt.lock >>"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "apt-get install ${missing[*]} failed (log: $log)" >&2
    return 1
  fi
  APT_INSTALLED+=("${missing[@]}")
}
APT_INSTALLED=()
