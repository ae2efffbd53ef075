# syntax=docker/dockerfile:1
# Batchscope's image (README "Deploying"): built in one stage, run from the build's standalone folder in
# another, as a non-root user, with no dev dependencies, compilers or sources.

# --- build: every dependency (the build needs the dev ones), the native addons compiled here
# (better-sqlite3, re2: the full node image has python3, make and g++), then `npm run build`:
# next build (output: "standalone") and our server.ts compiled into the standalone folder as server.js.
FROM node:20-bookworm AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: only the traced server files (node_modules included, natives built above for this same
# Node and libc), the static files and public/.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    BATCHSCOPE_AUDIT_DB=/data/audit.sqlite
# BATCHSCOPE_HOST is left to the server's rule: every interface when a sign-in source is set, loopback
# otherwise (set BATCHSCOPE_HOST=0.0.0.0 to reach the demo from outside the container).
RUN groupadd --system --gid 10001 batchscope \
 && useradd --system --uid 10001 --gid batchscope --no-create-home --shell /usr/sbin/nologin batchscope \
 && mkdir -p /data && chown batchscope:batchscope /data && chmod 0700 /data
WORKDIR /app
# Owned by root and not writable by the server's user: the code cannot be changed by what runs it.
COPY --from=build /src/.next/standalone ./
USER batchscope:batchscope
EXPOSE 3000
# The platform's probe too (README "Deploying"): 200 when the configuration is loaded and the store answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM stops it gracefully (requests in flight finish, the store is closed); node runs as PID 1 here
# and handles the signal itself (server.ts).
CMD ["node", "server.js"]
