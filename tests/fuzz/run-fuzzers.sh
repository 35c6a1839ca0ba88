#!/bin/sh
# ctest -L fuzz (issue 8): builds the libFuzzer targets in fuzz/ with clang (ASan+UBSan) in
# their own build directory, replays the crash regressions in tests/fuzz/regressions/<target>/
# and runs each target for CERTIGRAM_FUZZ_SECONDS (default 20) on a copy of its seed corpus
# (fuzz/corpus/<target>/). Fails when any target crashes, leaks, trips a sanitizer or times out.
#
#   run-fuzzers.sh <source dir> <fuzz build dir>
#
# Environment: CERTIGRAM_FUZZ_SECONDS (per target), CERTIGRAM_FUZZ_TARGETS (a space-separated
# subset, default all), CERTIGRAM_FUZZ_JOBS (build parallelism, default 2), CC/CXX-free:
# the compilers are clang/clang++ (CERTIGRAM_FUZZ_CXX overrides). Exit 77 (skipped) when
# clang or libFuzzer is missing.
set -u

source_dir=$(cd "${1:?usage: run-fuzzers.sh <source dir> <fuzz build dir>}" && pwd)
build_dir=${2:?usage: run-fuzzers.sh <source dir> <fuzz build dir>}
seconds=${CERTIGRAM_FUZZ_SECONDS:-20}
jobs=${CERTIGRAM_FUZZ_JOBS:-2}
cxx=${CERTIGRAM_FUZZ_CXX:-clang++}
cc=${CERTIGRAM_FUZZ_CC:-clang}

if ! command -v "$cxx" >/dev/null 2>&1 || ! command -v "$cc" >/dev/null 2>&1; then
    echo "SKIP: $cxx/$cc not found; the fuzzers need clang with libFuzzer"
    exit 77
fi
mkdir -p "$build_dir" || exit 1
build_dir=$(cd "$build_dir" && pwd)

# libFuzzer ships separately on some systems (Debian: libclang-rt-<n>-dev).
probe="$build_dir/libfuzzer-probe"
printf '%s\n' 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char *, unsigned long) { return 0; }' \
    > "$probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe.cpp" -o "$probe" >"$probe.log" 2>&1; then
    echo "SKIP: $cxx cannot link -fsanitize=fuzzer,address,undefined:"
    cat "$probe.log"
    exit 77
fi

generator=
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
launcher=
if command -v ccache >/dev/null 2>&1; then
    launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
    # The fuzz build precompiles Qt's headers; ccache caches such compiles only with this
    # sloppiness. Depend mode hashes the compiler's -MD output instead of running the
    # preprocessor first: a cache miss (every compile on a fresh CI machine) then costs
    # nothing extra, where the default mode added about 20% to the cold build.
    export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
    export CCACHE_DEPEND="${CCACHE_DEPEND:-true}"
fi

start=$(date +%s)
echo "== configuring $build_dir"
# shellcheck disable=SC2086 # $generator and $launcher are deliberately split or empty
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$source_dir" -B "$build_dir" $generator $launcher \
        -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
        -DCERTIGRAM_BUILD_FUZZERS=ON -DCERTIGRAM_BUILD_TESTS=OFF -DCERTIGRAM_BUILD_BENCH=OFF \
        --no-warn-unused-cli >"$build_dir/configure.log" 2>&1
else
    cmake "$build_dir" >"$build_dir/configure.log" 2>&1
fi || { cat "$build_dir/configure.log"; echo "FAIL: configuring the fuzz build"; exit 1; }

echo "== building the fuzz targets (-j$jobs)"
if ! cmake --build "$build_dir" --target certigram_fuzzers -j "$jobs" >"$build_dir/build.log" 2>&1; then
    tail -n 80 "$build_dir/build.log"
    echo "FAIL: building the fuzz targets"
    exit 1
fi
echo "   built in $(( $(date +%s) - start )) s"

targets=${CERTIGRAM_FUZZ_TARGETS:-}
if [ -z "$targets" ]; then
    for file in "$source_dir"/fuzz/fuzz_*.cpp; do
        targets="$targets $(basename "$file" .cpp)"
    done
fi

# Sanitizer reports abort with a stack trace; leaks count as failures. The symbolizer is
# the one beside our clang (Debian installs it as llvm-symbolizer-<n> unless "llvm" is there).
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && ! command -v llvm-symbolizer >/dev/null 2>&1; then
    symbolizer=$("$cxx" -print-prog-name=llvm-symbolizer 2>/dev/null)
    [ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
fi
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=
run_dir="$build_dir/fuzz-run"
rm -rf "$run_dir"
for target in $targets; do
    binary="$build_dir/bin/$target"
    if [ ! -x "$binary" ]; then
        echo "FAIL: $binary was not built"
        failed="$failed $target"
        continue
    fi
    work="$run_dir/$target"
    mkdir -p "$work/corpus"

    # Regression inputs: every crash found so far, run once each.
    regressions="$source_dir/tests/fuzz/regressions/$target"
    inputs=$(find "$regressions" -type f ! -name .gitkeep 2>/dev/null | sort)
    if [ -n "$inputs" ]; then
        echo "== $target: $(echo "$inputs" | wc -l) regression input(s)"
        # shellcheck disable=SC2086 # file names from our own tree, no spaces
        if ! "$binary" -timeout=60 -rss_limit_mb=2560 $inputs >"$work/regressions.log" 2>&1; then
            tail -n 60 "$work/regressions.log"
            echo "FAIL: $target crashes on a regression input"
            failed="$failed $target(regression)"
        fi
    fi

    # A bounded run on a scratch copy of the seed corpus (new inputs go there, not in git).
    seeds="$source_dir/fuzz/corpus/$target"
    [ -d "$seeds" ] && cp -R "$seeds/." "$work/corpus/"
    echo "== $target: fuzzing for $seconds s"
    if "$binary" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2560 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" >"$work/fuzz.log" 2>&1; then
        grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec)|cov: ' "$work/fuzz.log" \
            | tail -n 3 | sed 's/^/   /'
    else
        tail -n 80 "$work/fuzz.log"
        echo "FAIL: $target crashed; the input is in $work/ (crash-*, leak-*, timeout-*, oom-*)"
        echo "      copy it to tests/fuzz/regressions/$target/ once the bug is understood"
        failed="$failed $target"
    fi
done

echo "== total $(( $(date +%s) - start )) s"
if [ -n "$failed" ]; then
    echo "FAIL:$failed"
    exit 1
fi
echo "PASS: every fuzz target ran clean"
