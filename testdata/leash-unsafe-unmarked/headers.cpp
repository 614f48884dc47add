// RUN: %check-rule %s leash-unsafe-unmarked
// An unsafe operation in an included header is reported at its line in the
// header; unsafe code in the header is not reported.
#include "Inputs/registers.h"

// CHECK-MESSAGES: {{.*}}registers.h:7:10: warning: volatile access through pointer outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
// CHECK-MESSAGES: {{.*}}registers.h:7:11: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]

std::uint32_t status() { return read_status(0x40000000); }

void control() { write_control(0x40000004, 1); }
