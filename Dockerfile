# Forecourt: one image for the web server and the worker (docs/operations.md).
#   docker build -t forecourt .
#   docker run … forecourt                         web + worker in one container
#   docker run … forecourt node --import tsx scripts/start.ts web|worker
# Node 22 LTS: pg-boss declares Node >= 22.12 (the app also runs on Node 20.19+).

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first (cached while only source changes). `postinstall` generates the Prisma client,
# which needs the schema and the Prisma config.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/lib/prisma-migrate-adapter.ts ./scripts/lib/
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 LOG_FORMAT=json
# The built app with its dependencies (tsx runs the worker, the Prisma CLI applies migrations).
COPY --from=build --chown=node:node /app /app
# Photos on disk (PHOTOS_DIR=.data/photos): a volume mounted here starts owned by the app's user.
RUN mkdir -p /app/.data/photos && chown -R node:node /app/.data
USER node
EXPOSE 3000
# Web server and worker together; they stop together (scripts/start.ts).
CMD ["node", "--import", "tsx", "scripts/start.ts"]
