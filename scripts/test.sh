#!/usr/bin/env bash
# README command 2: install what is needed, build, and run every test suite.
#   scripts/test.sh [ctest arguments…]   e.g. -L unit, -R tst_jose
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${CERTIGRAM_BUILD_DIR:-$ROOT/build}
"$ROOT/scripts/setup.sh" test
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" "$@"
