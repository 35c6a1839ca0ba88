#!/usr/bin/env bash
# Formats every C++ source of ours in place with the project's .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
find src tests bench -name '*.h' -o -name '*.cpp' 2>/dev/null | xargs -r clang-format -i --style=file
