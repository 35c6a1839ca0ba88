# Included from the top-level CMakeLists.txt when CERTIGRAM_BUILD_FUZZERS is ON, before
# add_subdirectory(src): every library the fuzzers link (certigram_common above all) is
# compiled with libFuzzer's coverage instrumentation plus ASan and UBSan. The fuzz targets
# themselves add -fsanitize=fuzzer at link time (fuzz/CMakeLists.txt).
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(WARNING "CERTIGRAM_BUILD_FUZZERS needs Clang (libFuzzer); "
        "the compiler is ${CMAKE_CXX_COMPILER_ID}: no fuzz targets")
    return()
endif()
# -fno-sanitize-recover: a UBSan report aborts, so libFuzzer records it as a crash.
# Assertions (Q_ASSERT) stay on: configure with CMAKE_BUILD_TYPE=Debug (the -O1 below keeps
# the fuzzers fast).
set(CERTIGRAM_FUZZ_SANITIZERS "address,undefined")
string(APPEND CMAKE_C_FLAGS " -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,${CERTIGRAM_FUZZ_SANITIZERS} -fno-sanitize-recover=all")
string(APPEND CMAKE_CXX_FLAGS " -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,${CERTIGRAM_FUZZ_SANITIZERS} -fno-sanitize-recover=all")
# Everything else that happens to be linked in fuzz mode needs the sanitizer runtimes.
add_link_options(-fsanitize=${CERTIGRAM_FUZZ_SANITIZERS})
