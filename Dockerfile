# scenario-bot, the GitHub App, as a container: probot serving webhooks on $PORT. It holds no state
# (runs and handled deliveries live in DATABASE_URL's PostgreSQL), so replicas can share the webhooks.
#   docker build -t scenario-bot .
#   docker run --env-file .env -p 3000:3000 scenario-bot
# Node 24 runs the TypeScript sources as they are (type stripping): no build step.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY app.yml LICENSE ./
COPY src ./src
COPY scenarios ./scenarios
COPY migrations ./migrations
COPY templates ./templates
USER node
EXPOSE 3000
CMD ["node_modules/.bin/probot", "run", "./src/github-app/index.ts"]
