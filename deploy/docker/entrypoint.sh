#!/bin/sh
# The image's entry point: `web`, `worker`, `migrate` or `cli <command> …`. Each runs the project's
# npm script of that role (start:web, start:worker, db:migrate, cli), so this is the one place that
# maps the image's commands to how Tidings starts; the Dockerfile, compose.yaml and the AWS task
# definitions only name the role.
set -eu
cd "$(dirname "$0")/../.."

# Platforms that inject database credentials as separate values (ECS from the RDS secret) set
# DATABASE_HOST and the rest instead of one connection string; the app reads DATABASE_URL.
if [ -z "${DATABASE_URL:-}" ] && [ -n "${DATABASE_HOST:-}" ]; then
  encoded() { node -e 'process.stdout.write(encodeURIComponent(process.env[process.argv[1]] ?? ""))' "$1"; }
  DATABASE_URL="postgresql://$(encoded DATABASE_USER):$(encoded DATABASE_PASSWORD)@${DATABASE_HOST}:${DATABASE_PORT:-5432}/${DATABASE_NAME:-tidings}${DATABASE_URL_PARAMETERS:+?$DATABASE_URL_PARAMETERS}"
  export DATABASE_URL
  unset DATABASE_PASSWORD
fi

# Runs an npm script's command as `npm run` would (node_modules/.bin on the PATH, arguments
# appended), but in place of this shell: under `npm run`, npm and its shell exit at the first
# SIGTERM and Tidings is killed with them, instead of finishing its requests and jobs.
run_script() {
  name="$1"
  shift
  command="$(node -e 'process.stdout.write(require("./package.json").scripts?.[process.argv[1]] ?? "")' "$name")"
  case "$command" in
    "" | *"&"* | *";"* | *"|"*)
      echo "The npm script $name must be one command to run in the image (it is: '$command')" >&2
      exit 70
      ;;
  esac
  PATH="$PWD/node_modules/.bin:$PATH"
  export PATH
  exec sh -c "exec $command \"\$@\"" "$name" "$@"
}

role="${1:-}"
if [ "$#" -gt 0 ]; then shift; fi
case "$role" in
  web) run_script start:web ;;
  worker) run_script start:worker ;;
  migrate) run_script db:migrate ;;
  cli) run_script cli "$@" ;;
  *)
    echo "Usage: web | worker | migrate | cli <command> [options]  (got: '${role}')" >&2
    exit 64
    ;;
esac
