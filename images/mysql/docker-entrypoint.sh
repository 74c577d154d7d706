#!/usr/bin/env bash
# Entrypoint of pond's local mysql:8.0 stand-in (MariaDB 10.11). Honours the official image's contract:
#   MYSQL_ROOT_PASSWORD (required unless MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD is
#   set), MYSQL_ROOT_HOST (%), MYSQL_DATABASE, MYSQL_USER + MYSQL_PASSWORD (ALL on MYSQL_DATABASE, from
#   '%'), MYSQL_ONETIME_PASSWORD, MYSQL_INITDB_SKIP_TZINFO, the *_FILE variants, and
#   /docker-entrypoint-initdb.d/* run once on first init. Function names follow upstream's, so sourced
#   init scripts can call docker_process_sql, mysql_note, mysql_warn.
# `docker-entrypoint.sh --flag` means `mysqld --flag`; any other command is exec'd as is.
# The server is exec'd as PID 1 under user mysql: SIGTERM (the image's STOPSIGNAL) = clean shutdown.
set -eo pipefail  # no -u: init scripts are sourced, as upstream

mysql_log() {
  local type=$1; shift
  local text="$*"
  if [ "$#" -eq 0 ]; then text=$(cat); fi
  printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$type" "$text"
}
mysql_note() { mysql_log Note "$@"; }
mysql_warn() { mysql_log Warn "$@" >&2; }
mysql_error() { mysql_log ERROR "$@" >&2; exit 1; }

# file_env VAR [default]: VAR, or the contents of the file named by VAR_FILE, or the default.
file_env() {
  local var=$1 file_var="${1}_FILE" def=${2:-}
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    mysql_error "Both $var and $file_var are set (but are exclusive)"
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
    case "$arg" in -'?' | --help | --print-defaults | -V | --version) return 0 ;; esac
  done
  return 1
}

# mysql_get_config NAME mysqld ARGS...: the server's effective value of NAME (datadir, socket).
mysql_get_config() {
  local conf=$1; shift
  "$@" --verbose --help 2>/dev/null |
    awk -v conf="$conf" '$1 == conf && /^[^ \t]/ { sub(/^[^ \t]+[ \t]+/, ""); print; exit }'
}

mysql_check_config() {
  local out
  if ! out=$("$@" --verbose --help 2>&1 >/dev/null); then
    mysql_error $'mysqld failed while attempting to check config\n\tcommand was: '"$*"$'\n\t'"$out"
  fi
}

docker_setup_env() {
  DATADIR=$(mysql_get_config datadir "$@")
  DATADIR=${DATADIR%/}
  SOCKET=$(mysql_get_config socket "$@")
  file_env MYSQL_ROOT_HOST %
  file_env MYSQL_DATABASE
  file_env MYSQL_USER
  file_env MYSQL_PASSWORD
  file_env MYSQL_ROOT_PASSWORD
  DATABASE_ALREADY_EXISTS=
  if [ -d "$DATADIR/mysql" ]; then DATABASE_ALREADY_EXISTS=true; fi
}

# As root: create the data and socket directories and give them to mysql.
docker_create_db_directories() {
  mkdir -p "$DATADIR" "$(dirname "$SOCKET")"
  find "$DATADIR" "$(dirname "$SOCKET")" \! -user mysql -exec chown mysql:mysql '{}' +
}

docker_verify_minimum_env() {
  if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
    mysql_error <<-'EOF'
			Database is uninitialized and password option is not specified
			    You need to specify one of the following as an environment variable:
			    - MYSQL_ROOT_PASSWORD
			    - MYSQL_ALLOW_EMPTY_PASSWORD
			    - MYSQL_RANDOM_ROOT_PASSWORD
		EOF
  fi
  # stops CREATE USER from failing halfway through, leaving a half-initialised data dir
  if [ "$MYSQL_USER" = root ]; then
    mysql_error <<-'EOF'
			MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user
			    Remove MYSQL_USER="root" and use one of the following to control the root user password:
			    - MYSQL_ROOT_PASSWORD
			    - MYSQL_ALLOW_EMPTY_PASSWORD
			    - MYSQL_RANDOM_ROOT_PASSWORD
		EOF
  fi
  if [ -n "$MYSQL_USER" ] && [ -z "$MYSQL_PASSWORD" ]; then
    mysql_warn 'MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created'
  elif [ -z "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
    mysql_warn 'MYSQL_PASSWORD specified, but missing MYSQL_USER; MYSQL_PASSWORD will be ignored'
  fi
}

docker_init_database_dir() {
  mysql_note "Initializing database files"
  mariadb-install-db --datadir="$DATADIR" --rpm --auth-root-authentication-method=normal \
    --skip-test-db --default-time-zone=SYSTEM --skip-log-bin --expire-logs-days=0 \
    --loose-innodb-buffer-pool-load-at-startup=0 --loose-innodb-buffer-pool-dump-at-shutdown=0 \
    "${@:2}" >/dev/null
  mysql_note "Database files initialized"
}

# The root password as a client option file on a pipe, so it never shows in ps.
_mysql_passfile() {
  if [ "$1" = --ignore-password ] || [ -z "$MYSQL_ROOT_PASSWORD" ]; then return; fi
  printf '[client]\npassword="%s"\n' "${MYSQL_ROOT_PASSWORD//\"/\\\"}"
}

# docker_process_sql [--dont-use-mysql-root-password] [--database=...]: SQL on stdin, as root, socket.
docker_process_sql() {
  local passfileArgs=()
  if [ "$1" = --dont-use-mysql-root-password ]; then
    passfileArgs+=(--ignore-password)
    shift
  fi
  if [ -n "$MYSQL_DATABASE" ]; then set -- --database="$MYSQL_DATABASE" "$@"; fi
  mysql --defaults-extra-file=<(_mysql_passfile "${passfileArgs[@]}") --protocol=socket -uroot -hlocalhost \
    --socket="$SOCKET" --comments "$@"
}

# The temporary server: socket only (no TCP), so nothing outside sees it as ready while it runs.
docker_temp_server_start() {
  "$@" --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET" --wsrep-on=OFF \
    --expire-logs-days=0 --loose-innodb-buffer-pool-load-at-startup=0 &
  MYSQL_TEMP_PID=$!
  mysql_note "Waiting for server startup"
  local i
  for i in {30..0}; do
    if docker_process_sql --dont-use-mysql-root-password --database=mysql <<<'SELECT 1' &>/dev/null; then break; fi
    if ! kill -0 "$MYSQL_TEMP_PID" 2>/dev/null; then i=0; break; fi
    sleep 1
  done
  if [ "$i" = 0 ]; then mysql_error "Unable to start server."; fi
}

docker_temp_server_stop() {
  kill "$MYSQL_TEMP_PID"
  wait "$MYSQL_TEMP_PID" || mysql_error "Unable to shut down server."
}

docker_sql_escape_string_literal() {
  local escapedBackslashes="${1//\\/\\\\}"
  echo "${escapedBackslashes//\'/\\\'}"
}

docker_setup_db() {
  if [ -z "$MYSQL_INITDB_SKIP_TZINFO" ]; then
    # sed: a bogus "Local time zone must be set" zone name would fail the insert
    mysql_tzinfo_to_sql --skip-write-binlog /usr/share/zoneinfo |
      sed 's/Local time zone must be set--see zic manual page/FCTY/' |
      docker_process_sql --dont-use-mysql-root-password --database=mysql
  fi
  if [ -n "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
    MYSQL_ROOT_PASSWORD=$(head -c 18 /dev/urandom | base64)
    export MYSQL_ROOT_PASSWORD
    mysql_note "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
  fi
  local rootPw rootCreate=
  rootPw=$(docker_sql_escape_string_literal "$MYSQL_ROOT_PASSWORD")
  if [ -n "$MYSQL_ROOT_HOST" ] && [ "$MYSQL_ROOT_HOST" != localhost ]; then
    rootCreate="CREATE USER 'root'@'${MYSQL_ROOT_HOST}' IDENTIFIED BY '${rootPw}' ;
      GRANT ALL ON *.* TO 'root'@'${MYSQL_ROOT_HOST}' WITH GRANT OPTION ;
      GRANT PROXY ON ''@'%' TO 'root'@'${MYSQL_ROOT_HOST}' WITH GRANT OPTION ;"
  fi
  # MariaDB's install-db also makes root@127.0.0.1, root@::1, root@<hostname> and anonymous users;
  # upstream mysql has root@localhost (+ root@MYSQL_ROOT_HOST) only.
  docker_process_sql --dont-use-mysql-root-password --database=mysql <<-EOSQL
		SET autocommit = 1;
		SET @@SESSION.SQL_LOG_BIN=0;
		SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');
		DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1', ''@'localhost';
		EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\'', @@hostname, '\', \'\'@\'', @@hostname, '\'');
		ALTER USER 'root'@'localhost' IDENTIFIED BY '${rootPw}' ;
		${rootCreate}
		FLUSH PRIVILEGES ;
		DROP DATABASE IF EXISTS test ;
	EOSQL
  if [ -n "$MYSQL_DATABASE" ]; then
    mysql_note "Creating database ${MYSQL_DATABASE}"
    docker_process_sql --database=mysql <<<"CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\` ;"
  fi
  if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
    mysql_note "Creating user ${MYSQL_USER}"
    local userPw
    userPw=$(docker_sql_escape_string_literal "$MYSQL_PASSWORD")
    docker_process_sql --database=mysql <<<"CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '$userPw' ;"
    if [ -n "$MYSQL_DATABASE" ]; then
      mysql_note "Giving user ${MYSQL_USER} access to schema ${MYSQL_DATABASE}"
      docker_process_sql --database=mysql <<<"GRANT ALL ON \`${MYSQL_DATABASE//_/\\_}\`.* TO '$MYSQL_USER'@'%' ;"
    fi
  fi
}

docker_process_init_files() {
  echo
  local f
  for f; do
    [ -e "$f" ] || continue # the unmatched glob of an empty directory
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          mysql_note "$0: running $f"
          "$f"
        else
          mysql_note "$0: sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql) mysql_note "$0: running $f"; docker_process_sql <"$f"; echo ;;
      *.sql.bz2) mysql_note "$0: running $f"; bunzip2 -c "$f" | docker_process_sql; echo ;;
      *.sql.gz) mysql_note "$0: running $f"; gunzip -c "$f" | docker_process_sql; echo ;;
      *.sql.xz) mysql_note "$0: running $f"; xzcat "$f" | docker_process_sql; echo ;;
      *.sql.zst) mysql_note "$0: running $f"; zstd -dc "$f" | docker_process_sql; echo ;;
      *) mysql_warn "$0: ignoring $f" ;;
    esac
  done
}

# First start on an empty data dir: install-db, then a socket-only temporary server for the users,
# the database and the init scripts, then stop it so the real server starts clean.
initialise() {
  mysql_note "Initializing database"
  docker_verify_minimum_env
  ls /docker-entrypoint-initdb.d/ >/dev/null
  docker_init_database_dir "$@"
  mysql_note "Starting temporary server"
  docker_temp_server_start "$@"
  mysql_note "Temporary server started."
  docker_setup_db
  docker_process_init_files /docker-entrypoint-initdb.d/*
  if [ -n "$MYSQL_ONETIME_PASSWORD" ]; then
    docker_process_sql --database=mysql <<<"ALTER USER 'root'@'%' PASSWORD EXPIRE;"
  fi
  mysql_note "Stopping temporary server"
  docker_temp_server_stop
  mysql_note "Temporary server stopped"
  echo
  mysql_note "MySQL init process done. Ready for start up."
  echo
}

main() {
  if [ "${1:0:1}" = '-' ]; then set -- mysqld "$@"; fi
  case "$1" in mysqld | mariadbd) ;; *) exec "$@" ;; esac
  if wants_help "$@"; then exec "$@"; fi

  mysql_note "Entrypoint script for pond's MySQL ${MYSQL_MAJOR} stand-in (MariaDB $(mysqld --version | awk '{print $3}' | cut -d- -f1)) started."
  mysql_check_config "$@"
  docker_setup_env "$@"
  if [ "$(id -u)" = 0 ]; then
    docker_create_db_directories
    mysql_note "Switching to dedicated user 'mysql'"
    exec setpriv --reuid=mysql --regid=mysql --init-groups "${BASH_SOURCE[0]}" "$@"
  fi
  if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
    initialise "$@"
  elif [ -e "$DATADIR/mysql.ibd" ]; then # MySQL 8's data dictionary: MariaDB cannot read this format
    mysql_error "$DATADIR was initialised by MySQL 8, which this MariaDB-based stand-in cannot open; use a fresh volume"
  fi
  exec "$@"
}

main "$@"
