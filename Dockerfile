# syntax=docker/dockerfile:1
# Production image: build with every dependency, then keep only the runtime ones.
# Node 24, the active LTS line; .ci/production-tree checks this tree starts on it without Docker.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --engine-strict
COPY tsconfig.json tsconfig.build.json ormconfig.ts ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build \
  && npm ci --omit=dev --no-audit --no-fund --engine-strict \
  && npm cache clean --force

FROM node:24-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Owned by root, run as node: the process cannot rewrite its own code or dependencies.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Only for the embedded database, when no DATABASE_URL is given (not for production data).
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 4000
# node:24-slim has no curl: Node's own fetch asks /healthz.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself, so shutdown drains (SHUTDOWN_TIMEOUT).
CMD ["node", "dist/src/main.js"]
