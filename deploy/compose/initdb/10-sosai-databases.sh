#!/bin/bash
# docker-compose's PostgreSQL: one role and one database per service (no service reads another's).
# Runs once, when the data volume is new (docker-entrypoint-initdb.d). Passwords are compose-local.
set -euo pipefail
for svc in registry certification calculator catalog; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE ${svc} LOGIN PASSWORD '${SOSAI_DB_PASSWORD:-sosai}';
CREATE DATABASE sosai_${svc} OWNER ${svc};
REVOKE ALL ON DATABASE sosai_${svc} FROM PUBLIC;
SQL
done
