/// MemoryFunctionsTest: the image's own memcpy, memmove and memset.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_MEMORY_FUNCTIONS_TEST_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_MEMORY_FUNCTIONS_TEST_H

#include "boards/qemu-mps2-an386/tests/kernel_test.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386::tests {

/// Copies, moves and fills every length from 0 to 40 bytes at every
/// alignment of source and destination, through the functions the image
/// links (arch/cortex-m/runtime_support.cpp: their word loops are what the
/// compiler's clears and copies run), and checks each byte of the result
/// and the bytes around it.
class LEASH_COMPONENT MemoryFunctionsTest final : public KernelTest {
public:
  /// "memory functions".
  [[nodiscard]] std::string_view name() const override {
    return "memory functions";
  }
  /// Runs the whole test at once.
  void start(const TestReporter &reporter) const override;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_MEMORY_FUNCTIONS_TEST_H
