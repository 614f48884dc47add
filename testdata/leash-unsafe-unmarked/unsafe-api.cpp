// RUN: %check-rule %s leash-unsafe-unmarked
// Calls to LEASH_UNSAFE_API functions, member functions, operators and
// constructors are unsafe operations (Rust: calling an `unsafe fn`); calls
// to LEASH_UNSAFE functions are not.
#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>

LEASH_UNSAFE_API void reset_core();

struct Block {
  /// The block at `address`: unsafe to make.
  LEASH_UNSAFE_API explicit Block(std::uintptr_t address) : base(address) {}
  Block(const Block &) = default;
  LEASH_UNSAFE_API static Block at(std::uintptr_t address);
  LEASH_UNSAFE_API std::uintptr_t address() const { return base; }
  LEASH_UNSAFE_API bool operator==(const Block &other) const {
    return base == other.base;
  }
  std::uintptr_t base;
};

LEASH_UNSAFE("safe to call: checks its argument")
bool checked(std::uintptr_t address);

std::uintptr_t calls(leash::Lease<std::uint8_t> &lease) {
  reset_core();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to LEASH_UNSAFE_API function 'reset_core' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  Block block(0x4000);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to LEASH_UNSAFE_API constructor of 'Block' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  Block other = Block::at(0x5000);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to LEASH_UNSAFE_API function 'at' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  std::uintptr_t sum = block.address();
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: call to LEASH_UNSAFE_API function 'address' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  if (block == other)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: call to LEASH_UNSAFE_API function 'operator==' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
    sum += 1;
  std::uint8_t *raw = lease.raw_data();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: call to LEASH_UNSAFE_API function 'raw_data' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return sum + (raw == nullptr ? 0 : 1);
}

// Not unsafe: calling a LEASH_UNSAFE function, copying a block, the
// lease's safe members.
std::uintptr_t safe_calls(const Block &block,
                          leash::Lease<std::uint8_t> &lease) {
  Block copy = block;
  lease.slice(0, 1);
  return checked(copy.base) ? lease.size() + lease[0] : 0;
}

// Not reported: the body of a LEASH_UNSAFE_API function is unsafe code too.
LEASH_UNSAFE_API Block Block::at(std::uintptr_t address) {
  return Block(address);
}

LEASH_UNSAFE("0x4000 is the block's documented address")
std::uintptr_t marked() { return Block(0x4000).address(); }
