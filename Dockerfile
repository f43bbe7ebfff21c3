# syntax=docker/dockerfile:1
# Storage Fleet Dashboard. Three stages: `deps` compiles the production dependencies (the
# better-sqlite3 native module needs python3, make and g++), `build` compiles the TypeScript, and
# the final stage holds only Node, tini, the compiled app and its production node_modules.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# No dev dependencies. better-sqlite3 uses a prebuilt binary when one can be downloaded and
# compiles itself otherwise; either way the result is copied into the final stage.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
# TypeScript only needs the type packages: skip every install script (no native build here).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN sh scripts/assemble-app.sh /app

FROM ${NODE_IMAGE}
# tini as PID 1 forwards SIGTERM/SIGINT to node and reaps zombies, so `docker stop` reaches
# sfd's graceful shutdown (finish the poll in flight, drain the log queue, close the database).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data \
 && chown node:node /data
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=sqlite:/data/sfd.db
WORKDIR /app
# The app's files belong to root and are read-only for the user that runs it.
COPY --from=build /app ./
COPY --from=deps /app/node_modules ./node_modules
# The SQLite default (and its -wal/-shm files) lives here; with PostgreSQL it stays empty.
VOLUME ["/data"]
USER node
EXPOSE 8080
# Liveness only (/healthz never touches the database). Slim images have no curl: use node's fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "bin/sfd.js", "serve"]
