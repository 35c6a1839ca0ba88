# cmake -DCLANG_FORMAT=… -DSOURCE_DIR=… -P checkformat.cmake
file(GLOB_RECURSE sources
    "${SOURCE_DIR}/src/*.h" "${SOURCE_DIR}/src/*.cpp"
    "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/tests/*.cpp"
    "${SOURCE_DIR}/bench/*.h" "${SOURCE_DIR}/bench/*.cpp")
list(LENGTH sources count)
if(count EQUAL 0)
    message(FATAL_ERROR "no sources found under ${SOURCE_DIR}")
endif()
execute_process(
    COMMAND "${CLANG_FORMAT}" --dry-run --Werror --style=file ${sources}
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE result
    ERROR_VARIABLE diagnostics)
if(NOT result EQUAL 0)
    message("${diagnostics}")
    message(FATAL_ERROR "clang-format: sources are not formatted; run scripts/format.sh")
endif()
message(STATUS "clang-format: ${count} files formatted")
