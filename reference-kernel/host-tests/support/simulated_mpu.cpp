/// Test support: the host's MPU barrier, which only counts.
#include "support/simulated_mpu.h"

#include "arch/cortex-m/mpu.h"

#include <atomic>

namespace host_tests {

std::atomic<unsigned> synchronizations{0};

} // namespace host_tests

/// There is no hardware to wait for on the host: the barrier is counted, so
/// tests can check that the driver asks for it after each change.
void arch::cortex_m::synchronize_memory_map() {
  host_tests::synchronizations.fetch_add(1);
}
