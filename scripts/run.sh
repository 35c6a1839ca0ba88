#!/usr/bin/env bash
# README command 1: install what is needed, build, and start Certigram.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${CERTIGRAM_BUILD_DIR:-$ROOT/build}
"$ROOT/scripts/setup.sh" run
# The desktop app once it is built; until then the newest part that exists.
for program in certigram certigram-server certigram-cli; do
    if [ -x "$BUILD_DIR/bin/$program" ]; then
        exec "$BUILD_DIR/bin/$program" "$@"
    fi
done
echo "Certigram is built (library certigram_common and its tests); no program to start yet." >&2
echo "Run the tests with: bash scripts/test.sh" >&2
