# The reference kernel: a cross build of its own, configured with the
# arm-none-eabi toolchain file, and the tests that run it.
include(ExternalProject)

set(LEASH_KERNEL_BUILD_DIR "${CMAKE_BINARY_DIR}/reference-kernel")

ExternalProject_Add(reference_kernel
  SOURCE_DIR "${CMAKE_SOURCE_DIR}/reference-kernel"
  BINARY_DIR "${LEASH_KERNEL_BUILD_DIR}"
  CMAKE_GENERATOR Ninja
  CMAKE_ARGS
    "-DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/arm-none-eabi.cmake"
    "-DLEASH_VOCABULARY_INCLUDE=${CMAKE_SOURCE_DIR}/rules/include"
    -DCMAKE_BUILD_TYPE=MinSizeRel
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  USES_TERMINAL_CONFIGURE ON
  USES_TERMINAL_BUILD ON)

# The board boots under QEMU, prints its banner, proves the vocabulary under
# arm-none-eabi-g++, and exits through semihosting with status 0.
add_test(NAME kernel.boot
  COMMAND "${LEASH_PYTHON}" "${CMAKE_SOURCE_DIR}/reference-kernel/tools/run-qemu"
    --qemu "${LEASH_QEMU_ARM}"
    --expect "leash reference kernel: board qemu-mps2-an386"
    --expect "leash: vocabulary ok"
    "${LEASH_KERNEL_BUILD_DIR}/qemu-mps2-an386.elf")
