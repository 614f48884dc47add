/// Fuzzer support: when a dropped lease is expected rather than a bug.
#ifndef HOST_TESTS_FUZZ_FUZZ_HOOKS_H
#define HOST_TESTS_FUZZ_FUZZ_HOOKS_H

namespace fuzz {

/// While true, a lease destroyed with its buffer is not a crash: the fuzzer
/// tears down a stack whose leases it has just checked are home (the
/// buffers are the stack's own members, destroyed with it).
void set_tearing_down(bool tearing_down);

} // namespace fuzz

#endif // HOST_TESTS_FUZZ_FUZZ_HOOKS_H
