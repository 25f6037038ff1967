#!/usr/bin/env bash
# Installs and starts the servers the shared-registry tests need, on loopback only. Sourced by .ci/run.
# Exports:
#   GONE_FILTER_PG_URL, GONE_FILTER_PG_USER, GONE_FILTER_PG_PASSWORD  (PostgreSQL, database gone_filter)
#   GONE_FILTER_PG_BIN   (directory of initdb/pg_ctl, for the outage test's private server)
#   GONE_FILTER_REDIS_URL (redis://127.0.0.1:6379)
# Also installs nginx and apache2 (not started: the importer's tests start their own instances with generated
# configurations on free loopback ports, see src/test/java/io/github/gonefilter/cli/WebServers.java), and varnish
# with varnish-modules (not started either: the purge tests start their own varnishd).
# Idempotent: sourcing it twice leaves the running servers alone.

# apt-get install for packages that would start a server of their own: policy-rc.d 101 keeps them from it.
gone_filter_install_without_starting() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  local policy=/usr/sbin/policy-rc.d had_policy=0
  [ -e "$policy" ] && had_policy=1
  if [ "$had_policy" = 0 ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
  fi
  apt-get install -y -qq "$@" >&2
  [ "$had_policy" = 1 ] || rm -f "$policy"
}

gone_filter_services() {
  local pg_port="${GONE_FILTER_PG_PORT:-5432}"
  local redis_port="${GONE_FILTER_REDIS_PORT:-6379}"
  local user=gone_filter password=gone_filter db=gone_filter

  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1; then
    echo "services.sh: installing postgresql and redis-server" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql redis-server >&2
  fi

  if [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/sbin/apache2 ]; then
    echo "services.sh: installing nginx and apache2 for the importer's comparison tests" >&2
    gone_filter_install_without_starting nginx-light apache2 # not on port 80
  fi

  # Varnish 7 with the xkey module, for the cache-purge tests (src/test/java/io/github/gonefilter/purge/Varnish.java):
  # not started here, each test starts its own varnishd on a free loopback port with examples/varnish/default.vcl.
  if [ ! -x /usr/sbin/varnishd ] || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then
    echo "services.sh: installing varnish and varnish-modules for the cache-purge tests" >&2
    gone_filter_install_without_starting varnish varnish-modules # not on port 6081
  fi

  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  local version
  version="$(basename "$(dirname "$bin")")"

  # PostgreSQL refuses to run as root: the Debian cluster runs as the postgres user.
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
    pg_createcluster "$version" main -p "$pg_port" >&2
  fi
  if ! runuser -u postgres -- "$bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
    pg_ctlcluster "$version" main start -o "-c listen_addresses=127.0.0.1 -p $pg_port" >&2 \
      || pg_ctlcluster "$version" main start >&2
    for _ in $(seq 1 30); do
      runuser -u postgres -- "$bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" && break
      sleep 1
    done
  fi
  runuser -u postgres -- psql -q -p "$pg_port" -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE $user LOGIN PASSWORD '$password';
  END IF;
END \$\$;
SQL
  if ! runuser -u postgres -- psql -p "$pg_port" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    runuser -u postgres -- createdb -p "$pg_port" -O "$user" "$db" >&2
  fi

  if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save '' --appendonly no \
      --logfile /tmp/gone-filter-redis.log >&2
    for _ in $(seq 1 30); do
      redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi

  export GONE_FILTER_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/$db"
  export GONE_FILTER_PG_USER="$user"
  export GONE_FILTER_PG_PASSWORD="$password"
  export GONE_FILTER_PG_BIN="$bin"
  export GONE_FILTER_REDIS_URL="redis://127.0.0.1:$redis_port"
  echo "services.sh: PostgreSQL at $GONE_FILTER_PG_URL, Redis at $GONE_FILTER_REDIS_URL" >&2
}

gone_filter_services
