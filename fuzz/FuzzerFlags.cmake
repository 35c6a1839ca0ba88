# Included from the top-level CMakeLists.txt when CERTIGRAM_BUILD_FUZZERS is ON, before
# add_subdirectory(src): every library the fuzzers link (certigram_fuzz_common, the part of
# certigram_common they exercise) is compiled with libFuzzer's coverage instrumentation plus
# ASan and UBSan. The fuzz targets add -fsanitize=fuzzer at link time (fuzz/CMakeLists.txt).
# Only `--target certigram_fuzzers` is meant to be built in such a tree.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(WARNING "CERTIGRAM_BUILD_FUZZERS needs Clang (libFuzzer); "
        "the compiler is ${CMAKE_CXX_COMPILER_ID}: no fuzz targets")
    return()
endif()
# -fno-sanitize-recover: a UBSan report aborts, so libFuzzer records it as a crash.
# Assertions (Q_ASSERT) stay on: configure with CMAKE_BUILD_TYPE=Debug. Its -g is replaced by
# -gline-tables-only (file:line in every stack trace, smaller objects, quicker links). -O1
# keeps the instrumented code fast; -O0 would compile ~30% quicker but every execution
# would be slower, and fuzz_smoke's runs are fixed in time, not in executions.
set(CERTIGRAM_FUZZ_SANITIZERS "address,undefined")
set(certigram_fuzz_flags "-O1 -gline-tables-only -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,${CERTIGRAM_FUZZ_SANITIZERS} -fno-sanitize-recover=all")
string(APPEND CMAKE_C_FLAGS " ${certigram_fuzz_flags}")
string(APPEND CMAKE_CXX_FLAGS " ${certigram_fuzz_flags}")
set(CMAKE_C_FLAGS_DEBUG "")
set(CMAKE_CXX_FLAGS_DEBUG "")
# Everything else that happens to be linked in fuzz mode needs the sanitizer runtimes.
add_link_options(-fsanitize=${CERTIGRAM_FUZZ_SANITIZERS})
