# ml-connector as a long-running service: `ml-connector run` syncs on the configured schedule and serves
# /healthz and /metrics. Build: docker build -t ml-connector .   Run: see docs/operations.md.

# Build stage: compile dist/ and pack the same tarball `npm pack` gives users.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp

# Runtime stage: only the package and its runtime dependencies.
FROM node:20-slim
ENV NODE_ENV=production
RUN --mount=type=bind,from=build,source=/tmp,target=/pkg \
    npm install --global --no-audit --no-fund /pkg/ml-connector-*.tgz \
    && npm cache clean --force
# The image's unprivileged `node` user (uid 1000). Mount the config folder at /config: ml-connector.yaml plus the
# secret store beside it (.ml-connector/secrets.enc). The master key comes from the environment, never the image.
USER node
WORKDIR /config
# /healthz and /metrics on metrics.port (9464 by default; the HEALTHCHECK assumes it). They listen on loopback unless
# the config sets metrics.host: 0.0.0.0, which is needed to publish the port.
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `run` stops gracefully on SIGTERM (docker stop): no new run starts, the running one stops at a safe point.
STOPSIGNAL SIGTERM
CMD ["ml-connector", "run", "--config", "/config/ml-connector.yaml"]
