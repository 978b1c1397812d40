#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (from the `postgresql` package) and makes the role the
# register's tests use; prints the address they connect to. Run as root or with sudo.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
pg_lsclusters -h | grep -q "^$version main" || $SUDO pg_createcluster "$version" main >/dev/null
$SUDO pg_ctlcluster "$version" main start >/dev/null 2>&1 || $SUDO pg_ctlcluster "$version" main status >/dev/null
$SUDO runuser -u postgres -- psql -qAt -c "SELECT 1 FROM pg_roles WHERE rolname = 'vanban'" | grep -q 1 ||
    $SUDO runuser -u postgres -- psql -q -c "CREATE ROLE vanban LOGIN CREATEDB PASSWORD 'vanban'"
echo "postgres://vanban:vanban@127.0.0.1/postgres"
