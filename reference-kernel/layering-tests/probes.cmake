# The layering probes: one translation unit each, compiled as part of a layer
# and including one header. A probe of a header the layer must not see
# (FORBIDDEN) passes when it fails to compile because that header is not
# found; a probe of a header it may see passes when it compiles, which shows
# that the forbidden probes fail for the right reason.
#
# Read by the kernel's build (layering-tests/CMakeLists.txt makes the
# targets) and by the repository's test list (cmake/ReferenceKernel.cmake
# makes the tests). Each entry: "<name>|<layer target>|<header>|<ALLOWED or
# FORBIDDEN>".
set(LEASH_KERNEL_LAYERING_PROBES
  "capsule_includes_chip|leash_capsules|chips/mps2-an386/cmsdk_uart.h|FORBIDDEN"
  "capsule_includes_arch|leash_capsules|arch/cortex-m/nvic.h|FORBIDDEN"
  "capsule_includes_board|leash_capsules|boards/qemu-mps2-an386/platform.h|FORBIDDEN"
  "capsule_includes_kernel|leash_capsules|kernel/hil/uart.h|ALLOWED"
  "capsule_includes_capsule|leash_capsules|capsules/console.h|ALLOWED"
  "kernel_includes_capsule|leash_kernel|capsules/console.h|FORBIDDEN"
  "kernel_includes_chip|leash_kernel|chips/mps2-an386/timer_alarm.h|FORBIDDEN"
  "kernel_includes_arch|leash_kernel|arch/cortex-m/nvic.h|FORBIDDEN"
  "arch_includes_chip|arch_cortex_m|chips/mps2-an386/memory_map.h|FORBIDDEN"
  "arch_includes_kernel|arch_cortex_m|kernel/chip.h|ALLOWED"
  "chip_includes_capsule|chip_mps2_an386|capsules/console.h|FORBIDDEN"
  "chip_includes_board|chip_mps2_an386|boards/qemu-mps2-an386/io.h|FORBIDDEN"
  "chip_includes_arch|chip_mps2_an386|arch/cortex-m/nvic.h|ALLOWED"
  "board_includes_everything|board_qemu_mps2_an386|capsules/console.h|ALLOWED")
