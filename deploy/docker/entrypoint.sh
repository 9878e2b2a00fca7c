#!/bin/sh
# The image's entry point: `web`, `worker`, `migrate` or `cli <command> …`. Each runs the project's
# npm script of that role, so this is the one place that maps the image's commands to how Tidings
# starts; the Dockerfile, compose.yaml and the AWS task definitions only name the role.
set -eu

# Platforms that inject database credentials as separate values (ECS from the RDS secret) set
# DATABASE_HOST and the rest instead of one connection string; the app reads DATABASE_URL.
if [ -z "${DATABASE_URL:-}" ] && [ -n "${DATABASE_HOST:-}" ]; then
  encoded() { node -e 'process.stdout.write(encodeURIComponent(process.env[process.argv[1]] ?? ""))' "$1"; }
  DATABASE_URL="postgresql://$(encoded DATABASE_USER):$(encoded DATABASE_PASSWORD)@${DATABASE_HOST}:${DATABASE_PORT:-5432}/${DATABASE_NAME:-tidings}${DATABASE_URL_PARAMETERS:+?$DATABASE_URL_PARAMETERS}"
  export DATABASE_URL
  unset DATABASE_PASSWORD
fi

role="${1:-}"
if [ "$#" -gt 0 ]; then shift; fi
case "$role" in
  web) exec npm run --silent start:web ;;
  worker) exec npm run --silent start:worker ;;
  migrate) exec npm run --silent db:migrate ;;
  cli) exec npm run --silent cli -- "$@" ;;
  *)
    echo "Usage: web | worker | migrate | cli <command> [options]  (got: '${role}')" >&2
    exit 64
    ;;
esac
