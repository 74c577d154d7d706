#!/usr/bin/env bash
# Entrypoint of pond's local postgres:15 stand-in. Honours the official image's contract:
#   POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER (postgres),
#   POSTGRES_DB (= user), POSTGRES_INITDB_ARGS, POSTGRES_INITDB_WALDIR, POSTGRES_HOST_AUTH_METHOD,
#   the *_FILE variants, PGDATA, and /docker-entrypoint-initdb.d/* run once on first init.
# `docker-entrypoint.sh -c fsync=off` means `postgres -c fsync=off`; any other command is exec'd as is.
# The server is exec'd as PID 1 under user postgres: SIGINT (the image's STOPSIGNAL) = fast shutdown.
set -Eeo pipefail  # no -u: init scripts are sourced, as upstream

say() { printf '%s\n' "$*"; }

# read_env VAR [default]: VAR, or the contents of the file named by VAR_FILE, or the default.
read_env() {
  local var=$1 file_var="${1}_FILE" def=${2:-}
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    say "error: both $var and $file_var are set (but are exclusive)" >&2
    exit 1
  fi
  local val=$def
  if [ -n "${!var:-}" ]; then
    val=${!var}
  elif [ -n "${!file_var:-}" ]; then
    val=$(<"${!file_var}")
  fi
  export "$var=$val"
  unset "$file_var"
}

wants_help() {
  local arg
  for arg; do
    case "$arg" in -'?' | --help | --describe-config | -V | --version) return 0 ;; esac
  done
  return 1
}

load_env() {
  read_env POSTGRES_PASSWORD
  read_env POSTGRES_USER postgres
  read_env POSTGRES_DB "$POSTGRES_USER"
  read_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=}"
  : "${POSTGRES_INITDB_WALDIR:=}"
  export PGDATA=${PGDATA:-/var/lib/postgresql/data}
  DATABASE_ALREADY_EXISTS=
  if [ -s "$PGDATA/PG_VERSION" ]; then DATABASE_ALREADY_EXISTS=true; fi
}

# As root: create the data and socket directories and give them to postgres.
prepare_dirs() {
  mkdir -p "$PGDATA"
  chmod 00700 "$PGDATA" || :
  mkdir -p /var/run/postgresql
  chmod 03775 /var/run/postgresql || :
  if [ -n "$POSTGRES_INITDB_WALDIR" ]; then
    mkdir -p "$POSTGRES_INITDB_WALDIR"
    find "$POSTGRES_INITDB_WALDIR" \! -user postgres -exec chown postgres: '{}' +
    chmod 700 "$POSTGRES_INITDB_WALDIR"
  fi
  find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres: '{}' +
}

require_password() {
  if [ -n "$POSTGRES_PASSWORD" ] || [ "$POSTGRES_HOST_AUTH_METHOD" = trust ]; then return 0; fi
  cat >&2 <<-'EOE'
		Error: Database is uninitialized and superuser password is not specified.
		       You must specify POSTGRES_PASSWORD to a non-empty value for the
		       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

		       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
		       connections without a password. This is *not* recommended.

		       See PostgreSQL documentation about "trust":
		       https://www.postgresql.org/docs/current/auth-trust.html
	EOE
  exit 1
}

run_initdb() {
  local args=(--username="$POSTGRES_USER")
  if [ -n "$POSTGRES_INITDB_WALDIR" ]; then args+=(--waldir="$POSTGRES_INITDB_WALDIR"); fi
  if [ -z "$POSTGRES_PASSWORD" ]; then
    eval 'initdb "${args[@]}" '"$POSTGRES_INITDB_ARGS"
    return
  fi
  # POSTGRES_INITDB_ARGS is a shell-quoted string, as upstream: let the shell split it.
  eval 'initdb "${args[@]}" --pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD") '"$POSTGRES_INITDB_ARGS"
}

# Remote connections: one catch-all line with the configured (or the server's default) method.
setup_hba() {
  local method=$POSTGRES_HOST_AUTH_METHOD
  if [ -z "$method" ]; then method=$(postgres -C password_encryption "${@:2}"); fi
  {
    printf '\n'
    if [ "$method" = trust ]; then printf '# warning: trust is enabled for all connections\n'; fi
    printf 'host all all all %s\n' "$method"
  } >>"$PGDATA/pg_hba.conf"
}

psql_init() { psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"; }

run_init_files() {
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          say "$0: running $f"
          "$f"
        else
          say "$0: sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql) say "$0: running $f"; psql_init --dbname "$POSTGRES_DB" -f "$f"; echo ;;
      *.sql.gz) say "$0: running $f"; gunzip -c "$f" | psql_init --dbname "$POSTGRES_DB"; echo ;;
      *.sql.xz) say "$0: running $f"; xzcat "$f" | psql_init --dbname "$POSTGRES_DB"; echo ;;
      *.sql.zst) say "$0: running $f"; zstd -dc "$f" | psql_init --dbname "$POSTGRES_DB"; echo ;;
      *) say "$0: ignoring $f" ;;
    esac
  done
}

# First start on an empty data dir: initdb, then a socket-only temporary server for the database and
# the init scripts, then stop it so the real server starts clean.
initialise() {
  require_password
  ls /docker-entrypoint-initdb.d/ >/dev/null
  run_initdb
  setup_hba "$@"
  export PGPASSWORD=${PGPASSWORD:-$POSTGRES_PASSWORD}
  PGUSER=$POSTGRES_USER pg_ctl -D "$PGDATA" -o "$(printf '%q ' "${@:2}" -c listen_addresses='' -p 5432)" -w start
  if [ "$POSTGRES_DB" != postgres ]; then
    psql_init --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db" ;'
  fi
  run_init_files
  PGUSER=$POSTGRES_USER pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  say
  say 'PostgreSQL init process complete; ready for start up.'
  say
}

main() {
  if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi
  if [ "$1" != postgres ] || wants_help "$@"; then exec "$@"; fi

  load_env
  if [ "$(id -u)" = 0 ]; then
    prepare_dirs
    export HOME=/var/lib/postgresql
    exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
  fi
  if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
    initialise "$@"
  else
    say
    say 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
    say
  fi
  exec "$@"
}

main "$@"
