#!/usr/bin/env bash
# Installs what Certigram needs on Debian 12 (idempotent: quick when all is there), then
# configures and builds it in ./build. Used by run.sh and test.sh; not a README command.
#   scripts/setup.sh [run|test]   (test also installs what the test suites need)
set -euo pipefail
MODE=${1:-run}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${CERTIGRAM_BUILD_DIR:-$ROOT/build}

packages=(g++ cmake ninja-build ccache pkg-config libssl-dev openssl
          qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools
          qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins
          qt6-charts-dev qt6-svg-dev qt6-image-formats-plugins qtkeychain-qt6-dev
          libqt6opengl6-dev libgl-dev fonts-dejavu-core)
if [ "$MODE" = test ]; then
    packages+=(clang-format postgresql xvfb xauth curl ca-certificates python3 python3-yaml
               lintian desktop-file-utils appstream rpm dpkg-dev
               # fuzz_smoke (issue 8): clang with libFuzzer, ASan and UBSan. The runtimes
               # (libclang_rt.fuzzer/asan/ubsan) are only recommended by clang, and
               # llvm-symbolizer (llvm) puts file:line in the sanitizers' stack traces.
               clang libclang-rt-dev llvm)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
        || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    apt_get() { $SUDO apt-get -o DPkg::Lock::Timeout=600 -y -q "$@"; }
    apt_get install --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
        apt_get update >/dev/null
        apt_get install --no-install-recommends "${missing[@]}" >/dev/null
    }
fi

cmake_args=(-S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
            -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
[ "$MODE" = test ] || cmake_args+=(-DCERTIGRAM_BUILD_TESTS=OFF)
[ "$MODE" = test ] && cmake_args+=(-DCERTIGRAM_BUILD_TESTS=ON)
cmake "${cmake_args[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
