# Finds the tools and libraries that the host part of leash needs, and stops
# with one line naming the fix when one is missing or has the wrong version.

function(leash_require_program var name)
  find_program(${var} NAMES ${name} HINTS /usr/lib/llvm-16/bin ${ARGN})
  if(NOT ${var})
    message(FATAL_ERROR "leash: '${name}' not found; run scripts/setup")
  endif()
endfunction()

find_package(LLVM 16 CONFIG QUIET)
if(NOT LLVM_FOUND)
  # Say which LLVM is there instead, if any: a common cause is a machine with
  # only Debian's default LLVM 14.
  find_package(LLVM CONFIG QUIET)
  if(LLVM_FOUND)
    set(found "found LLVM ${LLVM_VERSION} at ${LLVM_DIR}")
  else()
    set(found "found none")
  endif()
  message(FATAL_ERROR
    "leash: LLVM 16 development files not found (${found}); run scripts/setup")
endif()
find_package(Clang 16 CONFIG QUIET HINTS "${LLVM_DIR}/../clang")
if(NOT Clang_FOUND)
  message(FATAL_ERROR "leash: Clang 16 development files not found; run scripts/setup")
endif()
find_package(nlohmann_json 3 QUIET)
if(NOT nlohmann_json_FOUND)
  message(FATAL_ERROR "leash: nlohmann/json not found; run scripts/setup")
endif()
find_package(GTest QUIET)
if(NOT GTest_FOUND)
  message(FATAL_ERROR "leash: GoogleTest not found; run scripts/setup")
endif()

# Clang's resource directory (its builtin headers): an out-of-tree tool
# computes it wrongly from its own path, so the analyzer is told.
set(LEASH_CLANG_RESOURCE_DIR
    "${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR}")

leash_require_program(LEASH_CLANG_TIDY clang-tidy-16)
leash_require_program(LEASH_CLANG_FORMAT clang-format-16)
leash_require_program(LEASH_FILECHECK FileCheck)
leash_require_program(LEASH_NOT not)
leash_require_program(LEASH_ARM_GXX arm-none-eabi-g++)
leash_require_program(LEASH_ARM_SIZE arm-none-eabi-size)
leash_require_program(LEASH_QEMU_ARM qemu-system-arm)
# The pre-commit hook's test stages files in a scratch repository.
leash_require_program(LEASH_GIT git)
find_file(LEASH_LIT lit.py HINTS "${LLVM_LIBRARY_DIR}/../build/utils/lit"
          NO_DEFAULT_PATH)
if(NOT LEASH_LIT)
  message(FATAL_ERROR "leash: lit (llvm-16-tools) not found; run scripts/setup")
endif()
# Debian's python3, not whatever interpreter comes first on PATH.
find_program(LEASH_PYTHON python3 HINTS /usr/bin NO_DEFAULT_PATH)
if(NOT LEASH_PYTHON)
  leash_require_program(LEASH_PYTHON python3)
endif()
