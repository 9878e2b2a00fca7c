# syntax=docker/dockerfile:1
# One image for the web app, the worker and migrations; the command picks the role:
#   docker run IMAGE web | worker | migrate | cli <command> …
# (deploy/docker/entrypoint.sh maps each role to its npm script). Node 24, as package.json's engines.
# Debian 13's PostgreSQL client is version 17, as the database in compose.yaml and deploy/aws.

FROM node:24-trixie-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# Everything the build needs, and nothing else: dependencies first so that they stay cached
# while the sources change (npm ci's postinstall generates the Prisma client from the schema).
FROM base AS build
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/no-schema-engine.sh ./scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json next.config.ts postcss.config.mjs proxy.ts instrumentation.ts ./
COPY app ./app
COPY components ./components
COPY lib ./lib
COPY workers ./workers
COPY scripts ./scripts
COPY deploy/docker/entrypoint.sh ./deploy/docker/
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf .next/cache

FROM base AS runtime
# tini passes signals on (SIGTERM lets the worker finish its jobs); pg_dump and psql are for backups.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini postgresql-client ca-certificates \
  && rm -rf /var/lib/apt/lists/*
# Amazon RDS's certificate authorities, so that database connections can be verified (sslmode=verify-full).
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
ENV NODE_ENV=production \
  PORT=3000
# The application is root's and read-only to the process; only Next.js's cache is writable.
COPY --from=build /app ./
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "sh", "/app/deploy/docker/entrypoint.sh"]
CMD ["web"]
