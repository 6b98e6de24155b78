# syntax=docker/dockerfile:1
# One image for every SISCONF role: `docker run IMAGE core|bot|sheets|start|migrate`. The sources are TypeScript
# run through tsx (a runtime dependency), so there is no build step: the image holds the tree as it is.

# Dependencies only, from the lock file; this layer is rebuilt only when package*.json change.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# whatsapp-web.js would download its own Chrome; the runtime uses Debian's chromium instead.
ENV PUPPETEER_SKIP_DOWNLOAD=true
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
# Chromium for the whatsapp-web transport, with fonts so pages render; certificates for S3, Keycloak and Graph API.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-liberation ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  PUPPETEER_SKIP_DOWNLOAD=true \
  CHROMIUM_PATH=/usr/bin/chromium \
  DATA_DIR=/data \
  PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY cli ./cli
COPY core ./core
COPY bot ./bot
COPY sheets ./sheets
COPY migrations ./migrations
COPY deploy/whatsapp ./deploy/whatsapp
# The data folder and the WhatsApp session folder belong to the unprivileged `node` user of the base image, so
# that volumes mounted there start with that owner.
RUN mkdir -p /data/whatsapp && chown -R node:node /data
USER node
VOLUME ["/data", "/data/whatsapp"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/sisconf.js"]
CMD ["start"]
