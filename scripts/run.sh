#!/usr/bin/env bash
# README command 1: install what is needed, build, and start Certigram: the desktop app in
# admin mode with its registration server and embedded CA running. Without a display
# (a server over SSH), the headless certigram-server instead. Extra arguments go to the
# program.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${CERTIGRAM_BUILD_DIR:-$ROOT/build}
"$ROOT/scripts/setup.sh" run
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$BUILD_DIR/bin/certigram" --server "$@"
fi
echo "run.sh: no display; starting the headless certigram-server (the desktop app needs one)" >&2
exec "$BUILD_DIR/bin/certigram-server" "$@"
