#!/bin/sh
# Creates one role and one database per Rehabit service, each database owned by its service's role.
# Safe to run again: what exists is left alone (a password is only set when the role is created).
#
# Run by the PostgreSQL image on first start (Compose and the Kubernetes StatefulSet mount it into
# /docker-entrypoint-initdb.d). For an external or managed server run it once by hand, as an administrator:
#   PGHOST=db.example.org PGUSER=postgres PGPASSWORD=... \
#   CATALOG_DB_PASSWORD=... SESSION_DB_PASSWORD=... sh init-databases.sh
set -eu

create_database() { # database (= role), password
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-${PGUSER:-postgres}}" \
        --dbname "${POSTGRES_DB:-postgres}" -v name="$1" -v password="$2" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
}

create_database catalog "${CATALOG_DB_PASSWORD:?CATALOG_DB_PASSWORD is not set}"
create_database session "${SESSION_DB_PASSWORD:?SESSION_DB_PASSWORD is not set}"
