# Prints one line with a kernel image's flash and RAM, which the build's
# log keeps and scripts/build shows (so CI reports every image's size):
#
#   leash-size: nrf52840dk.elf: flash 19572 B, RAM 11836 B (text 19556, data 16, bss 11820)
#
# cmake -DSIZE=<arm-none-eabi-size> -DIMAGE=<image.elf> -P PrintImageSize.cmake
execute_process(COMMAND "${SIZE}" --format=berkeley "${IMAGE}"
                OUTPUT_VARIABLE table RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "leash-size: '${SIZE}' could not read '${IMAGE}'")
endif()
# The second line: text data bss dec hex filename.
string(REGEX MATCH "\n *([0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)" row "${table}")
if(NOT row)
  message(FATAL_ERROR "leash-size: unexpected output of '${SIZE}':\n${table}")
endif()
math(EXPR flash "${CMAKE_MATCH_1} + ${CMAKE_MATCH_2}")
math(EXPR ram "${CMAKE_MATCH_2} + ${CMAKE_MATCH_3}")
cmake_path(GET IMAGE FILENAME name)
execute_process(COMMAND "${CMAKE_COMMAND}" -E echo
  "leash-size: ${name}: flash ${flash} B, RAM ${ram} B (text ${CMAKE_MATCH_1}, data ${CMAKE_MATCH_2}, bss ${CMAKE_MATCH_3})")
