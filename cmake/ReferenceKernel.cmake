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

# QEMU runs of the kernel's images, checked by reference-kernel/tools/run-qemu:
#   leash_add_kernel_qemu_test(<name> <image.elf> [run-qemu options...]
#                              [QEMU_ARGUMENTS <extra qemu arguments>...])
function(leash_add_kernel_qemu_test name image)
  cmake_parse_arguments(PARSE_ARGV 2 run "" "" "QEMU_ARGUMENTS")
  set(extra_qemu_arguments)
  if(run_QEMU_ARGUMENTS)
    set(extra_qemu_arguments -- ${run_QEMU_ARGUMENTS})
  endif()
  add_test(NAME ${name}
    COMMAND "${LEASH_PYTHON}" "${CMAKE_SOURCE_DIR}/reference-kernel/tools/run-qemu"
      --qemu "${LEASH_QEMU_ARM}" ${run_UNPARSED_ARGUMENTS}
      "${LEASH_KERNEL_BUILD_DIR}/${image}" ${extra_qemu_arguments})
endfunction()

# The layering: a layer includes only the layers below it, and the build
# enforces it (reference-kernel/cmake/KernelLayers.cmake). Each probe of
# reference-kernel/layering-tests/probes.cmake compiles one include in one
# layer; the probes share the kernel's build directory, so they run one at a
# time.
include("${CMAKE_SOURCE_DIR}/reference-kernel/layering-tests/probes.cmake")
foreach(probe IN LISTS LEASH_KERNEL_LAYERING_PROBES)
  string(REPLACE "|" ";" probe "${probe}")
  list(GET probe 0 name)
  list(GET probe 2 header)
  list(GET probe 3 expected)
  string(TOLOWER "${expected}" expected)
  add_test(NAME kernel.layering.${name}
    COMMAND "${LEASH_PYTHON}"
      "${CMAKE_SOURCE_DIR}/reference-kernel/tools/check-layering-probe"
      --build "${LEASH_KERNEL_BUILD_DIR}" --probe ${name} --header "${header}"
      --${expected})
  set_tests_properties(kernel.layering.${name} PROPERTIES
    RESOURCE_LOCK reference_kernel_build_directory)
endforeach()

# The board boots, prints its banner, echoes what is typed, answers a
# command, and exits 0 through semihosting on the line "exit".
leash_add_kernel_qemu_test(kernel.boot qemu-mps2-an386.elf
  --input "hello\nled 0\nexit\n"
  --expect "^leash reference kernel: board qemu-mps2-an386$"
  --expect "^console ready"
  --expect "^hello$"
  --expect "^unknown command: hello$"
  --expect "^led 0 on$"
  --expect "^bye$"
  --forbid "panic|unhandled exception")

# Control-D (end of transmission, 0x04) ends the run with status 0 as well;
# delete (0x7f) erases the character before it, on screen too ("\b \b").
string(ASCII 4 end_of_transmission)
string(ASCII 127 delete_character)
set(kernel_eot_input "${CMAKE_CURRENT_BINARY_DIR}/kernel-end-of-transmission.input")
file(WRITE "${kernel_eot_input}"
  "hellox${delete_character}\r${end_of_transmission}")
leash_add_kernel_qemu_test(kernel.boot.end_of_transmission qemu-mps2-an386.elf
  --input-file "${kernel_eot_input}"
  --expect "^hellox\\x08 \\x08$"
  --expect "^unknown command: hello$"
  --expect "^bye$")

# The in-kernel tests: virtual alarms in order across the counter's wrap,
# deferred calls, LEDs, SysTick, the MPU (region count, read-back, the
# kernel running with the MPU on), the image's memcpy, memmove and memset
# (every length to 40 bytes at every alignment), a console transmission of 311 bytes through
# a 64-byte lease and the UART's one-byte buffer (it must come out whole,
# and so must the debug output written meanwhile, through the same UART),
# and a line received from QEMU's serial input. Once as the board runs (the
# virtual clock follows the host's), once deterministic (-icount shift=0:
# one instruction per virtual nanosecond, whatever the host's load).
set(kernel_tests_checks
  --input "leash receive test\n"
  --expect "^transmit (0123456789){30}$"
  --expect "^debug output amid the console's$"
  --expect "^leash receive test$"
  --expect "^test mpu: ok$"
  --expect "^test memory functions: ok$"
  --expect "^kernel tests: 8 passed, 0 failed$"
  --forbid "FAILED|panic|unhandled exception")
leash_add_kernel_qemu_test(kernel.tests qemu-mps2-an386-tests.elf
  ${kernel_tests_checks})
leash_add_kernel_qemu_test(kernel.tests.icount qemu-mps2-an386-tests.elf
  ${kernel_tests_checks} QEMU_ARGUMENTS -icount shift=0)

# A deliberate bus fault inside the kernel loop: the handler reports the
# exception, the decoded fault status, the faulting address and the stacked
# registers, and ends the run with 128 + 5 (BusFault).
leash_add_kernel_qemu_test(kernel.fault qemu-mps2-an386-fault.elf
  --expect-status 133
  --expect "^fault image: reading 0x60000000$"
  --expect "unhandled exception 5 \\(BusFault\\)"
  --expect "CFSR=0x00008200 \\[PRECISERR BFARVALID\\]"
  --expect "faulting address: BFAR=0x60000000"
  --expect "stacked registers: pc=0x[0-9a-f]{8} lr=0x[0-9a-f]{8}"
  --forbid "did not fault")

# Processes: the board's process image with the apps bundle (hello, blink,
# fault, spin, attack, peek, escape) in the apps region. The outputs of all apps appear
# (each line whole); the faulting app is killed and reported with its
# faulting address while the others go on, and so is the app that reads
# its own grant region (the MPU keeps it from the process), and so is the
# app that makes a call with its stack in the kernel's RAM (the core cannot
# stack the frame: MSTKERR, and the call it left pending is dropped, never
# taken by the kernel, where it would read as the kernel's own `svc`); the
# spinning app does not keep the others from finishing; every bad system
# call of the attacking app gets its documented error; and the process
# console's list shows the states at the start (from the typed "list",
# which QEMU delivers at the host's pace: hello may have yielded by then) and
# at the end of the run.
leash_add_kernel_qemu_test(kernel.processes qemu-mps2-an386-processes-test.elf
  --input "list\n"
  --expect "^processes loaded: 7, refused: 0$"
  --expect "^0 hello (running|yielded) 0 ram 0x20300000"
  --expect "^process peek faulted: exception 4 CFSR=0x00000082 address=0x2030b[0-9a-f]{3}$"
  --expect "^5 peek faulted 0"
  --expect "^hello from a process, round 3$"
  --expect "^blink 5$"
  --expect "^spin: spinning forever$"
  --expect "^process fault faulted: exception 4 CFSR=0x00000082 address=0x20000000$"
  --expect "^attack: 18 of 18 checks passed; the kernel is still up$"
  --expect "^0 hello terminated 0"
  --expect "^2 fault faulted 0"
  --expect "^3 spin running 0"
  --expect "^4 attack terminated 0"
  --expect "^process escape faulted: exception 4 CFSR=0x00000010$"
  --expect "^6 escape faulted 0"
  --forbid "WRONG ANSWER|went through|returned \\(it must not\\)|panic|unhandled exception|^app at "
  QEMU_ARGUMENTS -device
    "loader,file=${LEASH_KERNEL_BUILD_DIR}/process_apps.bin,addr=0x00200000")

# The process console drives the same image: a process stopped, listed,
# started again, listed, killed, and an unknown command answered. QEMU feeds
# the typed bytes one at a time as the UART takes them, at the host's pace,
# so the other processes run between them; the commands therefore act on the
# spinning app, whose state nothing but the commands changes: stopped, then
# running (it never yields), then terminated in the final list.
leash_add_kernel_qemu_test(kernel.processes.console
  qemu-mps2-an386-processes-test.elf
  --input "stop spin\nlist\nstart spin\nlist\nkill spin\nbogus\n"
  --expect "^stopped spin$"
  --expect "^3 spin stopped 0"
  --expect "^started spin$"
  --expect "^3 spin running 0"
  --expect "^killed spin$"
  --expect "^unknown command 'bogus'"
  --expect "^3 spin terminated 0"
  --forbid "panic|unhandled exception|^app at "
  QEMU_ARGUMENTS -device
    "loader,file=${LEASH_KERNEL_BUILD_DIR}/process_apps.bin,addr=0x00200000")
# The echo app reads a line from its console and writes it back, while
# hello writes its lines: the image whose process console leaves the UART's
# input to the processes (LEASH_PROCESS_CONSOLE_INPUT=0) runs the echo_apps
# bundle (hello, echo); both load, the typed line comes back whole and
# prefixed, hello's three lines still come, and nothing is refused.
leash_add_kernel_qemu_test(kernel.processes.echo
  qemu-mps2-an386-processes-echo-test.elf
  --input "ping\n"
  --expect "^processes loaded: 2, refused: 0$"
  --expect "^hello from a process, round 1$"
  --expect "^echo: ping$"
  --expect "^hello from a process, round 3$"
  --expect "^0 hello terminated 0"
  --expect "^1 echo "
  --forbid "WRONG ANSWER|panic|unhandled exception|^app at |refused to receive|read failed"
  QEMU_ARGUMENTS -device
    "loader,file=${LEASH_KERNEL_BUILD_DIR}/echo_apps.bin,addr=0x00200000")
