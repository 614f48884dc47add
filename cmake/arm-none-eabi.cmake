# CMake toolchain file for the reference kernel: bare-metal Cortex-M4 with the
# GNU Arm Embedded toolchain (Debian's gcc-arm-none-eabi + newlib + libstdc++).
#
# Use: cmake -DCMAKE_TOOLCHAIN_FILE=<repo>/cmake/arm-none-eabi.cmake ...
#
# The target flags live in CMAKE_<LANG>_FLAGS_INIT so that they reach every
# compile and link line, and therefore compile_commands.json, which is what the
# leash checker reads to parse the kernel for the right target. Do not pass
# -DCMAKE_CXX_FLAGS=... to a project configured with this file: it replaces
# these flags and silently drops -mcpu/-mthumb. Add flags to targets instead.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)

# Nothing can be linked before the project supplies its startup code and linker
# script, so CMake's compiler checks build static libraries instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Cortex-M4 in Thumb-2, soft-float ABI: the kernel never touches the FPU, so a
# context switch never has to save floating-point state. This selects the
# thumb/v7e-m/nofp multilib of newlib, libgcc and libstdc++.
set(LEASH_ARM_TARGET_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=soft")

# Each function and object in its own section, so --gc-sections can drop what
# is unused.
set(LEASH_ARM_SECTION_FLAGS "-ffunction-sections -fdata-sections")

set(CMAKE_C_FLAGS_INIT
    "${LEASH_ARM_TARGET_FLAGS} -ffreestanding ${LEASH_ARM_SECTION_FLAGS}")
# C++20 without the parts of the language that need a runtime the kernel does
# not have: exceptions, RTTI, thread-safe static guards, atexit registration
# through __cxa_atexit.
set(CMAKE_CXX_FLAGS_INIT
    "${LEASH_ARM_TARGET_FLAGS} -std=c++20 -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics -fno-use-cxa-atexit ${LEASH_ARM_SECTION_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${LEASH_ARM_TARGET_FLAGS}")

# Compilers and binutils run on the host; headers and libraries come only from
# the toolchain's own sysroot.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
