# LeashCheck.cmake: run leash over this project's own compile database.
#
#   include(LeashCheck)
#   leash_add_check_target(leash-check
#                          [LEASH <path to leash>]
#                          [ARGS <extra leash check arguments>...])
#
# adds a target that runs `leash check -p ${CMAKE_BINARY_DIR}` (the build
# must export compile_commands.json, which this turns on). The target fails
# the build when leash exits non-zero: findings, a unit that could not be
# analysed, or a configuration error.
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

function(leash_add_check_target name)
  cmake_parse_arguments(PARSE_ARGV 1 leash "" "LEASH" "ARGS")
  if(NOT leash_LEASH)
    find_program(LEASH_EXECUTABLE leash)
    if(NOT LEASH_EXECUTABLE)
      message(FATAL_ERROR
        "leash_add_check_target: leash not found; pass LEASH <path> or put it on PATH")
    endif()
    set(leash_LEASH "${LEASH_EXECUTABLE}")
  endif()
  add_custom_target(${name}
    COMMAND "${leash_LEASH}" check -p "${CMAKE_BINARY_DIR}" ${leash_ARGS}
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
    COMMENT "leash: checking the ownership discipline"
    USES_TERMINAL
    VERBATIM)
endfunction()
