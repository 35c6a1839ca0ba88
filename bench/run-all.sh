#!/bin/bash
# Runs every benchmark once and writes bench/RESULTS.md (see bench/README.md).
# Usage: bench/run-all.sh [BUILD_DIR]   (default ./build-bench, configured RelWithDebInfo if
# missing). About 6-10 minutes on 2 cores. Figures come from each benchmark's --results
# key=value file, never from its prose; the prose goes to the terminal.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build-bench}
[[ $BUILD = /* ]] || BUILD=$PWD/$BUILD
OUT=$ROOT/bench/RESULTS.md
JOBS=${JOBS:-2}
RAW=$(mktemp)
trap 'rm -f "$RAW"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
note() { printf '\n=== %s\n' "$*"; }

# --- build ---------------------------------------------------------------------------
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo || exit 1
fi
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")
[ "$BUILD_TYPE" = RelWithDebInfo ] || echo "warning: $BUILD is a '$BUILD_TYPE' build, not RelWithDebInfo" >&2
cmake --build "$BUILD" -j"$JOBS" \
    --target bench_ca_sign bench_ra bench_cleaner bench_enrol bench_gui || exit 1
BIN=$BUILD/bin

# --- run -----------------------------------------------------------------------------
START=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(load)
SECONDS=0
FAILED=()
run() { # NAME COMMAND…: runs one benchmark, notes a failure and carries on
    local name=$1; shift
    note "$name"
    "$@" --results "$RAW" || FAILED+=("$name (exit $?)")
}

# Every issued certificate would otherwise be logged, work only the embedded CA would pay.
QT_LOGGING_RULES="certigram.*.info=false" run bench_ca_sign "$BIN/bench_ca_sign" --count 1000 --renew
run bench_ra "$BIN/bench_ra"
run bench_cleaner "$BIN/bench_cleaner"
run bench_cleaner_saturated "$BIN/bench_cleaner" --rate 0
run bench_enrol "$BIN/bench_enrol" --count 20
QT_QPA_PLATFORM=offscreen run bench_gui "$BIN/bench_gui" --identities 1000 --runs 5
QT_QPA_PLATFORM=offscreen run bench_gui "$BIN/bench_gui" --identities 10000 --runs 3

# openssl speed for the embedded CA's key types (ca.keyType), one core each.
note "openssl speed"
for alg in ecdsap256 ecdsap384 rsa3072 rsa4096; do
    openssl speed -seconds 2 "$alg" 2>/dev/null | awk -v alg="$alg" '
        /^ *[0-9]+ bits ecdsa/ || /^rsa +[0-9]+ bits/ {
            printf "openssl.%s.sign_per_s=%s\nopenssl.%s.verify_per_s=%s\n", alg, $(NF-1), alg, $NF
        }' | tee -a "$RAW"
done
LOAD_AFTER=$(load)
ELAPSED=$SECONDS

# --- RESULTS.md ----------------------------------------------------------------------
v() { # the figure under key $1, or "–"
    local value
    value=$(grep -m1 "^$1=" "$RAW" | cut -d= -f2-)
    echo "${value:-–}"
}
fraction() { # $1 / $2 as a percentage, or "–"
    awk -v a="$(v "$1")" -v b="$(v "$2")" \
        'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f %%", 100 * a / b; else print "–" }'
}
COMMIT=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -c . || true)
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)

{
echo "# Benchmark results"
echo
echo "Written by \`bench/run-all.sh\`; how to read it: bench/README.md. One run, on a machine"
echo "other engineers share: the load averages say how busy it was. Nothing here is asserted."
echo
echo "| | |"
echo "|---|---|"
echo "| date | $START (${ELAPSED} s) |"
echo "| machine | $(nproc) CPUs, ${CPU_MODEL:-unknown CPU}, $(uname -sr) |"
echo "| load average (1/5/15 min) | before $LOAD_BEFORE, after $LOAD_AFTER |"
echo "| commit | \`$COMMIT\`$([ "${DIRTY:-0}" -gt 0 ] && echo " plus $DIRTY uncommitted files in the working tree") |"
echo "| build | $BUILD_TYPE, $(openssl version | cut -d' ' -f1-2), Qt $(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null || echo 6) |"
[ ${#FAILED[@]} -eq 0 ] || echo "| **failed** | ${FAILED[*]} |"
echo
echo "## CA: signs and renewals per second (bench_ca_sign)"
echo
echo "$(v ca_sign.count) requests per CA and operation, $(v ca_sign.connections) keep-alive HTTPS connections, $(v ca_sign.workers) embedded worker threads; renewals over mutual TLS, one client certificate per connection. Load average $(v ca_sign.load_before) → $(v ca_sign.load_after)."
echo
echo "| operation | CA | per second | p50 ms | p95 ms | p99 ms | failed |"
echo "|---|---|---|---|---|---|---|"
for op in sign renew; do
    for ca in step-ca embedded; do
        k=ca_sign.$op.$ca
        echo "| $op | $ca | $(v $k.per_s) | $(v $k.p50_ms) | $(v $k.p95_ms) | $(v $k.p99_ms) | $(v $k.failed) |"
    done
    echo "| $op | **embedded / step-ca** | **$(v ca_sign.$op.ratio)×** | | | | |"
done
echo
echo "CPU time of the process that holds the embedded CA and the client, per answer: $(v ca_sign.sign.embedded.cpu_us) µs a sign, $(v ca_sign.renew.embedded.cpu_us) µs a renewal. On $(nproc) cores, 2,000 signs/s leave at most $((1000000 * $(nproc) / 2000)) µs a sign for everything."
echo
echo "## openssl speed (one core, 2 s per operation)"
echo
echo "| algorithm (CA key type) | sign/s | verify/s |"
echo "|---|---|---|"
for alg in ecdsap256 ecdsap384 rsa3072 rsa4096; do
    echo "| $alg | $(v openssl.$alg.sign_per_s) | $(v openssl.$alg.verify_per_s) |"
done
echo
echo "The embedded CA (P-256 keys, the default) reaches **$(fraction ca_sign.sign.embedded.per_s openssl.ecdsap256.sign_per_s)** of openssl's one-core P-256 sign rate in signs/s and **$(fraction ca_sign.renew.embedded.per_s openssl.ecdsap256.sign_per_s)** in renewals/s. A sign costs one ECDSA signature and two verifications (CSR, token), a renewal one signature and a chain verification, plus TLS, HTTP, JSON and one SQLite write transaction each; the CA also has $(nproc) cores, not one."
echo
echo "## RA: code requests and token exchanges (bench_ra)"
echo
echo "certigram-server process, embedded CA, console notifier, default 16 worker threads; limits raised so rate limiting does not shape the figures: \`$(v ra.limits)\`. Each phase: at most 3000 requests or 5 s, closed loop; over 50 connections spread across 127.0.0.x source addresses (the server admits 64 per address). Load average $(v ra.load_before) → $(v ra.load_after)."
echo
echo "| database | connections | phase | requests/s | p50 ms | p99 ms | max ms | ok | failed |"
echo "|---|---|---|---|---|---|---|---|---|"
for db in sqlite postgres; do
    for c in 10 50 200; do
        for phase in codes tokens; do
            k=ra.$db.c$c.$phase
            echo "| $db | $c | $phase | $(v $k.per_s) | $(v $k.p50_ms) | $(v $k.p99_ms) | $(v $k.max_ms) | $(v $k.ok) | $(v $k.failed) |"
        done
    done
done
echo
echo "## Cleaner: purging expired codes under load (bench_cleaner)"
echo
echo "$(v cleaner.expired_codes) expired codes inserted first (not measured); ExpiredRecordCleaner purges them while $(v cleaner.connections) connections send code requests to a certigram-server process on the same database: a steady $(v cleaner.rate) requests/s (open loop: a request's latency counts from when it was due), and then again as fast as the connections go, which saturates the 2 cores. Target: worst request latency ≤ 100 ms while serving. The control is the same load for as long again right after the purge, to tell the purge from the machine. Load average $(v cleaner.load_before) → $(v cleaner_saturated.load_after)."
echo
echo "| load | database | purged | purge s | codes/s | requests/s during | p50 ms | p99 ms | **worst ms** | over 100 ms | control after it: p99 / worst ms, over 100 ms |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for run in cleaner cleaner_saturated; do
    if [ "$run" = cleaner ]; then load="$(v cleaner.rate)/s"; else load=saturated; fi
    for db in sqlite postgres; do
        k=$run.$db
        echo "| $load | $db | $(v $k.purged) | $(v $k.purge_s) | $(v $k.purge_codes_per_s) | $(v $k.during.per_s) | $(v $k.during.p50_ms) | $(v $k.during.p99_ms) | **$(v $k.during.max_ms)** | $(v $k.during.over_target) | $(v $k.after.p99_ms) / $(v $k.after.max_ms), $(v $k.after.over_target) |"
    done
done
echo
echo "## Enrolment end to end (bench_enrol)"
echo
echo "$(v enrol.count) enrolments per key type and way. Load average $(v enrol.load_before) → $(v enrol.load_after)."
echo
echo "| key type | Enroller::enroll median / p95 ms | certigram-cli enroll median / p95 ms |"
echo "|---|---|---|"
for type in ec-p256 rsa-2048; do
    echo "| $type | $(v enrol.$type.in_process.median_ms) / $(v enrol.$type.in_process.p95_ms) | $(v enrol.$type.cli.median_ms) / $(v enrol.$type.cli.p95_ms) |"
done
echo
echo "## Desktop app (bench_gui, offscreen)"
echo
echo "Load average $(v gui.1000.load_before) → $(v gui.10000.load_after). The targets (issue 6) are for 1,000 identities."
echo
echo "| figure | 1,000 identities | 10,000 identities | target (1,000) |"
echo "|---|---|---|---|"
g() { echo "$(v gui.$1.cold_start_median_ms) ($(v gui.$1.cold_start_min_ms)–$(v gui.$1.cold_start_max_ms))"; }
echo "| cold start, median (min–max) ms | $(g 1000) | $(g 10000) | ≤ 300 |"
echo "| RSS at that moment, median MB | $(v gui.1000.rss_median_mb) | $(v gui.10000.rss_median_mb) | ≤ 80 |"
echo "| longest GUI-thread stall during RSA 4096 generation ms | $(v gui.1000.longest_stall_ms) | $(v gui.10000.longest_stall_ms) | ≤ 50 |"
echo
echo "## Every figure, as the benchmarks wrote them"
echo
echo '```'
cat "$RAW"
echo '```'
} > "$OUT"

note "wrote $OUT in ${ELAPSED} s${FAILED:+; failed: ${FAILED[*]}}"
[ ${#FAILED[@]} -eq 0 ]
