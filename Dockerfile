# syntax=docker/dockerfile:1
#
# Credentials engine image. One image serves three roles; pick one with the
# container command:
#   API (default)   node --no-memory-reducer --v8-pool-size=1 dist/apps/api/main.js
#   Temporal worker node --max-old-space-size=160 --max-semi-space-size=16 dist/apps/worker/main.js
#                   (flags: apps/node-args.ts)
#   Migrations      node dist/apps/migrate/main.js   (one-shot, exits 0)
#
# Build: docker build -t credentials-engine .
# (needs BuildKit, the default builder of current Docker releases)

# Node 26 LTS on Debian bookworm (glibc: Temporal's core-bridge and other
# prebuilt native modules ship glibc binaries). Node 20's support ended in
# April 2026; the tests pass on 20, 24 and 26 (package.json needs >= 20.19).
ARG NODE_VERSION=26.12.0
ARG NODE_VARIANT=bookworm-slim

############################
# base: shared settings
############################
FROM node:${NODE_VERSION}-${NODE_VARIANT} AS base
WORKDIR /app
# Quiet, offline-friendly npm; opt out of install-time telemetry/banners.
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false \
    DISABLE_OPENCOLLECTIVE=true

############################
# build: install all deps, compile, then drop dev deps
############################
FROM base AS build
# Manifests first so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci
COPY . .
RUN npm run build \
 && npm prune --omit=dev \
 && test -f dist/apps/api/main.js \
 && test -f dist/apps/worker/main.js \
 && test -f dist/apps/migrate/main.js

############################
# runtime: production deps + compiled output, non-root
############################
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data

# Writable data dir (local mail outbox etc.). Owned by the unprivileged `node`
# user (uid 1000) that ships with the official image; a named volume mounted
# here inherits this ownership on first use.
RUN mkdir -p /data && chown node:node /data

# The application tree stays root-owned (read-only for the app user).
COPY --from=build /app /app

USER node
EXPOSE 3000

# No HEALTHCHECK here on purpose: the same image runs the worker and the
# migration job, which serve no HTTP. The API healthcheck lives in
# docker-compose.yml (GET /health).
CMD ["node", "--no-memory-reducer", "--v8-pool-size=1", "dist/apps/api/main.js"]
