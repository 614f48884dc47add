/// Test support: the host's kernel panic and vocabulary violation hook.
#ifndef HOST_TESTS_SUPPORT_HOST_HOOKS_H
#define HOST_TESTS_SUPPORT_HOST_HOOKS_H

#include <cstddef>

namespace host_tests {

/// How many vocabulary violations have been reported so far. Tests compare
/// it before and after what they exercise (objects that a test destroys may
/// report lost leases afterwards; those do not count).
[[nodiscard]] std::size_t violation_count();

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_HOST_HOOKS_H
