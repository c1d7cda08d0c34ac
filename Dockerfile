# PolicyLens batch image: Debian with Debian's Chromium, the built extension inside, run as a
# non-root user. Build:  docker build -t policylens .
# Without a Docker engine (buildah, a locally made base): deploy/build-image-without-docker.sh
# Run one audit:         docker run --rm -v "$PWD/results:/results" policylens https://www.example-shop.nl/ --out /results/one
# Sharded sweeps on Kubernetes: deploy/k8s/ and the README's "Sweeps" section.

# The official Node image on Debian 12 (bookworm): Debian's own nodejs is 18, the CLI needs 20+.
FROM node:20.19-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies included: the CLI runs through tsx and drives Chromium with playwright-core.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn

FROM node:20.19-bookworm-slim
# Debian's Chromium (never a downloaded browser), the fonts pages expect, and tini as PID 1 so
# Chromium's children are reaped and SIGTERM reaches the CLI.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-color-emoji tini ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV CHROME_PATH=/usr/bin/chromium \
    NODE_ENV=production \
    POLICYLENS_CLI=policylens \
    POLICYLENS_OUT=/results
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN ln -s /app/src/cli/policylens-bin.mjs /usr/local/bin/policylens \
  && install -m 0755 /app/deploy/entrypoint.sh /usr/local/bin/policylens-entrypoint \
  && mkdir -p /results && chown node:node /results
# Not root: Chromium keeps its sandbox (the launcher adds --no-sandbox only for root), and a
# hostile page that escapes the renderer is still an unprivileged user in a container.
USER node
# Profiles go to TMPDIR; mount a memory-backed volume there for speed (see deploy/k8s/).
ENV TMPDIR=/tmp
VOLUME ["/results"]
ENTRYPOINT ["/usr/bin/tini", "--", "policylens-entrypoint"]
CMD ["--help"]
