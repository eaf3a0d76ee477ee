# Production image: compiled app only; the database comes from DATABASE_URL.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY console ./console
# The packages a host app brings (peerDependencies, kept in devDependencies for this repo's own install) are the
# standalone server's own here: npm counts a root package's peer that is also a devDependency as dev, so they become
# dependencies before the prune. The imports fail the build if the server still misses a package (Nest loads
# @nestjs/platform-express only when it starts).
RUN npx nest build \
  && npx tsx console/build.ts \
  && node -e "const fs = require('node:fs'); const p = JSON.parse(fs.readFileSync('package.json', 'utf8')); for (const name in p.peerDependencies) { p.dependencies[name] = p.peerDependencies[name]; delete p.devDependencies[name]; } fs.writeFileSync('package.json', JSON.stringify(p, null, 2));" \
  && npm prune --omit=dev \
  && node -e "Promise.all([import('./dist/src/app.module.js'), import('@nestjs/platform-express')])"

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/console/dist ./console/dist
# DATA_DIR: the webhook spool kept while the database is unreachable (a volume in docker-compose.yml).
RUN mkdir -p /data && chown node:node /data
ENV DATA_DIR=/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations run at startup (one instance at a time, under an advisory lock).
CMD ["node", "dist/src/main.js"]
