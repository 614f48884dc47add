/// The number of the exception the core is handling (IPSR).
#ifndef ARCH_CORTEX_M_ACTIVE_EXCEPTION_H
#define ARCH_CORTEX_M_ACTIVE_EXCEPTION_H

#include <cstdint>

namespace arch::cortex_m {

/// The number of the exception being handled (0 in thread mode): 3 for a
/// HardFault, 16 + n for external interrupt n.
[[nodiscard]] std::uint32_t active_exception_number();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_ACTIVE_EXCEPTION_H
