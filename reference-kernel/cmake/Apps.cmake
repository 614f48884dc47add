# Userspace apps for the kernel's cross build: each app is linked on its own,
# at fixed flash and RAM addresses, and turned into an image (header + binary)
# by tools/make-app-image; a bundle concatenates images into the apps region.
#
#   leash_add_app(<name> SOURCES <sources>...
#                 FLASH <address> RAM <address> RAM_SIZE <bytes>
#                 STACK <bytes> [FLASH_SIZE <bytes>])
#     Builds apps/<name>.elf and apps/<name>.app in the kernel's build
#     directory. The image starts at FLASH with its header; the app's code
#     starts LEASH_APP_HEADER_RESERVATION bytes later (apps/app_layout.ld),
#     which is what the tool checks. RAM_SIZE bytes at RAM hold the stack
#     (STACK bytes, first), .data and .bss; RAM_SIZE is also the header's
#     minimum RAM size. FLASH_SIZE (default 64 KiB) bounds the app's flash.
#
#   leash_add_app_bundle(<name> APPS <app names>... [BASE <address>])
#     Builds <name>.bin: the apps' images at their flash addresses relative
#     to BASE (default 0x00200000, the apps region on QEMU's mps2-an386).
#
# The apps' sources are ordinary targets, so they are in the cross build's
# compile_commands.json and the checker sees them (tier "apps").

find_package(Python3 REQUIRED COMPONENTS Interpreter)

# Bytes between an image's start and its code: room for the header (at most
# 16 fixed + 16 Main + 36 PackageName + 12 FixedAddresses = 80 bytes) and a
# few more TLVs; a multiple of 8 keeps the code's alignment.
set(LEASH_APP_HEADER_RESERVATION 0x80)
set(LEASH_APPS_SOURCE_DIRECTORY "${CMAKE_CURRENT_LIST_DIR}/../apps")
set(LEASH_MAKE_APP_IMAGE "${CMAKE_CURRENT_LIST_DIR}/../tools/make-app-image")
set(LEASH_APPS_BINARY_DIRECTORY "${PROJECT_BINARY_DIR}/apps")

# What every app translation unit shares: the kernel's warnings and
# optimisation, and the vocabulary's annotations (crt0 marks its unsafe
# code). Apps see no kernel layer: they talk to the kernel by system calls.
add_library(leash_app_build_settings INTERFACE)
target_compile_options(leash_app_build_settings INTERFACE
  -Wall -Wextra -Werror -Os -g)
target_include_directories(leash_app_build_settings INTERFACE
  "${LEASH_VOCABULARY_INCLUDE}")

function(leash_add_app name)
  cmake_parse_arguments(PARSE_ARGV 1 app ""
                        "FLASH;RAM;RAM_SIZE;STACK;FLASH_SIZE" "SOURCES")
  if(app_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "leash_add_app(${name}): unknown arguments '${app_UNPARSED_ARGUMENTS}'")
  endif()
  foreach(required SOURCES FLASH RAM RAM_SIZE STACK)
    if(NOT DEFINED app_${required})
      message(FATAL_ERROR "leash_add_app(${name}): ${required} is required")
    endif()
  endforeach()
  if(NOT DEFINED app_FLASH_SIZE)
    set(app_FLASH_SIZE 0x10000)
  endif()

  # The app's own linker script, from the shared template.
  set(APP_FLASH "${app_FLASH}")
  set(APP_RAM "${app_RAM}")
  set(APP_RAM_SIZE "${app_RAM_SIZE}")
  set(APP_STACK "${app_STACK}")
  set(APP_FLASH_SIZE "${app_FLASH_SIZE}")
  set(APP_HEADER_RESERVATION "${LEASH_APP_HEADER_RESERVATION}")
  set(layout "${LEASH_APPS_BINARY_DIRECTORY}/${name}/layout.ld")
  configure_file("${LEASH_APPS_SOURCE_DIRECTORY}/app_layout.ld" "${layout}"
                 @ONLY)

  add_executable(${name} ${app_SOURCES})
  # newlib's memcpy/memset (the compiler may call them) and libgcc.
  target_link_libraries(${name} PRIVATE leash_app_build_settings
                                        leash_app_runtime c gcc)
  target_link_options(${name} PRIVATE
    -nostdlib
    "-T${layout}"
    -Wl,--gc-sections
    "-Wl,-Map=${LEASH_APPS_BINARY_DIRECTORY}/${name}.map")
  set_target_properties(${name} PROPERTIES
    SUFFIX ".elf"
    RUNTIME_OUTPUT_DIRECTORY "${LEASH_APPS_BINARY_DIRECTORY}"
    LINK_DEPENDS "${layout}")

  set(image "${LEASH_APPS_BINARY_DIRECTORY}/${name}.app")
  add_custom_command(OUTPUT "${image}"
    COMMAND "${Python3_EXECUTABLE}" "${LEASH_MAKE_APP_IMAGE}"
            "$<TARGET_FILE:${name}>" --name "${name}"
            --minimum-ram "${app_RAM_SIZE}" --flash "${app_FLASH}"
            --ram "${app_RAM}"
            --header-reservation "${LEASH_APP_HEADER_RESERVATION}"
            --output "${image}"
    DEPENDS ${name} "${LEASH_MAKE_APP_IMAGE}"
    COMMENT "App image ${name}.app"
    VERBATIM)
  add_custom_target(${name}_image ALL DEPENDS "${image}")
endfunction()

function(leash_add_app_bundle name)
  cmake_parse_arguments(PARSE_ARGV 1 bundle "" "BASE" "APPS")
  if(bundle_UNPARSED_ARGUMENTS OR NOT bundle_APPS)
    message(FATAL_ERROR "leash_add_app_bundle(${name} APPS <apps>...)")
  endif()
  if(NOT DEFINED bundle_BASE)
    set(bundle_BASE 0x00200000)
  endif()
  set(images)
  foreach(app IN LISTS bundle_APPS)
    list(APPEND images "${LEASH_APPS_BINARY_DIRECTORY}/${app}.app")
  endforeach()
  set(output "${PROJECT_BINARY_DIR}/${name}.bin")
  add_custom_command(OUTPUT "${output}"
    COMMAND "${Python3_EXECUTABLE}" "${LEASH_MAKE_APP_IMAGE}"
            --bundle "${output}" --base "${bundle_BASE}" ${images}
    DEPENDS ${images} "${LEASH_MAKE_APP_IMAGE}"
    COMMENT "App bundle ${name}.bin"
    VERBATIM)
  # Not "<name>": Ninja already has a phony target per build subdirectory.
  add_custom_target(${name}_bundle ALL DEPENDS "${output}")
endfunction()
