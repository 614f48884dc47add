/// KernelTest and TestReporter: one in-kernel test, and whom it reports to.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_KERNEL_TEST_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_KERNEL_TEST_H

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386::tests {

class KernelTest;

/// Hears the outcome of each test.
class LEASH_COMPONENT TestReporter {
public:
  /// `test` has finished; `detail` says what went wrong (empty on success).
  /// A test reports exactly once; later reports are ignored.
  virtual void finished(const KernelTest &test, bool passed,
                        std::string_view detail) const = 0;

protected:
  /// Reporters are never destroyed through this interface.
  ~TestReporter() = default;
};

/// A test that runs inside the kernel, on the real drivers under QEMU. Tests
/// are split-phase like everything else in the kernel: `start` sets things
/// in motion and returns; callbacks from the kernel loop carry the test on,
/// and it calls `reporter.finished` when it knows the outcome.
class LEASH_COMPONENT KernelTest {
public:
  /// The test's name, printed with its outcome.
  [[nodiscard]] virtual std::string_view name() const = 0;

  /// Starts the test; it reports to `reporter`.
  virtual void start(const TestReporter &reporter) const = 0;

protected:
  /// Tests are never destroyed through this interface.
  ~KernelTest() = default;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_KERNEL_TEST_H
