#!/bin/sh
# Builds the Dockerfile on a machine without a Docker engine (and without a registry to pull
# the base image from), with Debian's daemonless buildah:
#
#   1. the Dockerfile's base image (FROM node:…-bookworm-slim) is made locally: a minimal
#      Debian 12 from debootstrap, the host's Node (≥ 20) and npm in /usr/local as in the
#      official image, the `node` user (uid 1000); committed under the FROM's own name;
#   2. `buildah bud --isolation chroot --storage-driver vfs --pull=never` builds the Dockerfile
#      as it is (no namespaces, no overlay mounts: what a sandbox or an unprivileged CI runner allows).
#
# Root, apt-get install buildah debootstrap. Never run in CI (minutes, ~3 GB of vfs layers).
#
#   sudo deploy/build-image-without-docker.sh            # → localhost/policylens:dev
#   IMAGE=localhost/policylens:0.1.0 WORK=/var/tmp/pl sudo -E deploy/build-image-without-docker.sh
#
# Behind a TLS-intercepting proxy set EXTRA_CA_BUNDLE to its CA bundle (e.g. the host's
# /etc/ssl/certs/ca-certificates.crt): the stand-in base gets it as NODE_EXTRA_CA_CERTS, so
# the build stage's `npm ci` reaches the registry (Node's own CA list lacks the proxy's CA).
#
# Run the image without an engine: buildah's chroot isolation, e.g. pod 1 of a 2-pod Job:
#   c=$(buildah --storage-driver vfs from --pull=never localhost/policylens:dev)
#   buildah --storage-driver vfs run --isolation chroot --user node \
#     -v "$PWD/shops.txt:/config/urls.txt:ro" -v "$PWD/results:/results" \
#     --env POLICYLENS_URLS=/config/urls.txt --env POLICYLENS_SHARDS=2 --env JOB_COMPLETION_INDEX=1 \
#     "$c" -- /usr/bin/tini -s -- policylens-entrypoint shard --consent none,reject --quiet
# (`buildah run` ignores the image's ENTRYPOINT and tini is not PID 1 there, hence `-s`.)
set -eu

repo="$(cd "$(dirname "$0")/.." && pwd)"
image="${IMAGE:-localhost/policylens:dev}"
work="${WORK:-/var/tmp/policylens-image}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
bh="buildah --storage-driver vfs"

for tool in buildah debootstrap node npm; do
  command -v "$tool" >/dev/null || {
    echo "build-image-without-docker: $tool is missing (apt-get install buildah debootstrap; Node ≥ 20 on the host)" >&2
    exit 2
  }
done
[ "$(id -u)" -eq 0 ] || {
  echo "build-image-without-docker: needs root (debootstrap, buildah's vfs storage)" >&2
  exit 2
}

# The base image the Dockerfile names, e.g. node:20.19-bookworm-slim, as a full reference.
from="$(sed -n 's/^FROM[[:space:]]\{1,\}\([^[:space:]]\{1,\}\).*/\1/p' "$repo/Dockerfile" | head -n 1)"
case "$from" in
  */*) base="$from" ;;
  *) base="docker.io/library/$from" ;;
esac

rootfs="$work/rootfs"
rm -rf "$rootfs"
mkdir -p "$work"
echo "build-image-without-docker: debootstrap bookworm into $rootfs" >&2
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log"

# Node and npm where the official image has them.
mkdir -p "$rootfs/usr/local/bin" "$rootfs/usr/local/lib/node_modules"
cp "$(command -v node)" "$rootfs/usr/local/bin/node"
cp -a "$(npm root -g)/npm" "$rootfs/usr/local/lib/node_modules/"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node && apt-get clean && rm -rf /var/lib/apt/lists/*'
ca_env=""
if [ -n "${EXTRA_CA_BUNDLE:-}" ]; then
  mkdir -p "$rootfs/etc/ssl"
  cp "$EXTRA_CA_BUNDLE" "$rootfs/etc/ssl/extra-ca-bundle.crt"
  ca_env="--env NODE_EXTRA_CA_CERTS=/etc/ssl/extra-ca-bundle.crt"
fi
tar -C "$rootfs" --numeric-owner -cf "$work/base.tar" .
rm -rf "$rootfs"

echo "build-image-without-docker: committing the stand-in base as $base (Node $(node --version))" >&2
ctr="$($bh from scratch)"
$bh add "$ctr" "$work/base.tar" /
# $ca_env is split on purpose: empty, or one --env option with its value.
# shellcheck disable=SC2086
$bh config --os linux --arch amd64 --cmd node \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$(node --version | sed 's/^v//')" $ca_env "$ctr"
$bh commit -q "$ctr" "$base" >/dev/null
$bh rm "$ctr" >/dev/null
rm -f "$work/base.tar"

echo "build-image-without-docker: building $image from $repo/Dockerfile" >&2
$bh bud --isolation chroot --pull=never --layers=false -t "$image" -f "$repo/Dockerfile" "$repo"
$bh images "$image"
