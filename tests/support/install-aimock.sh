#!/usr/bin/env bash
# Install the pinned @copilotkit/aimock mock server for the e2e tests (idempotent).
#
#   tests/support/install-aimock.sh            # installs into tests/.aimock (gitignored)
#   AIMOCK_DIR=/some/prefix tests/support/install-aimock.sh
#
# Skips the download when the pinned version is already there. Needs node >= 20.15 and npm.
# Keep AIMOCK_VERSION in sync with tests/support/aimock.py.
set -euo pipefail

AIMOCK_VERSION="1.43.0"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${AIMOCK_DIR:-$(cd "$here/.." && pwd)/.aimock}"
pkg_json="$prefix/node_modules/@copilotkit/aimock/package.json"

installed_version() {
    [ -f "$pkg_json" ] || return 0
    node -e 'process.stdout.write(require(process.argv[1]).version)' "$pkg_json" 2>/dev/null || true
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "install-aimock: node and npm are required (node >= 20.15)" >&2
    exit 1
fi

node_ok="$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.stdout.write(String(a>20||(a===20&&b>=15)))')"
if [ "$node_ok" != "true" ]; then
    echo "install-aimock: node $(node --version) is too old; aimock needs >= 20.15" >&2
    exit 1
fi

if [ "$(installed_version)" = "$AIMOCK_VERSION" ]; then
    echo "install-aimock: @copilotkit/aimock@$AIMOCK_VERSION already in $prefix"
    exit 0
fi

mkdir -p "$prefix"
echo "install-aimock: installing @copilotkit/aimock@$AIMOCK_VERSION into $prefix"
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error \
    "@copilotkit/aimock@$AIMOCK_VERSION"

got="$(installed_version)"
if [ "$got" != "$AIMOCK_VERSION" ]; then
    echo "install-aimock: expected $AIMOCK_VERSION, found '${got:-nothing}' in $prefix" >&2
    exit 1
fi
echo "install-aimock: ok ($prefix/node_modules/@copilotkit/aimock/dist/cli.js)"
