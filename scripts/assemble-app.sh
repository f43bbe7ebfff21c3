#!/bin/sh
# Assembles the runnable app (everything the image holds except node_modules) into $1:
# the compiled dist/, bin/sfd.js, package.json + lock + .npmrc (for `npm ci --omit=dev`), and the
# views/ and public/ folders when they exist. The Dockerfile and the image rehearsal test
# (test/deploy/image-rehearsal.test.ts) both run this script, so they cannot drift apart.
set -eu
dest="${1:?usage: scripts/assemble-app.sh DEST_DIR}"
cd "$(dirname "$0")/.."
mkdir -p "$dest/bin"
node node_modules/typescript/bin/tsc -p tsconfig.build.json --outDir "$dest/dist"
cp package.json package-lock.json .npmrc "$dest/"
cp bin/sfd.js "$dest/bin/"
for dir in views public; do
  if [ -d "$dir" ]; then cp -R "$dir" "$dest/"; fi
done
