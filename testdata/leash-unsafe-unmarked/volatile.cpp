// RUN: %check-rule %s leash-unsafe-unmarked
// Reads and writes of volatile objects reached through a pointer or a
// reference; a volatile object accessed by its own name is not one.
#include <leash/annotations.h>

#include <cstdint>

struct Registers {
  volatile std::uint32_t data;
  volatile std::uint32_t status;
};

std::uint32_t through_pointer(volatile std::uint32_t *address) {
  *address = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: volatile access through pointer 'address' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return *address;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: volatile access through pointer 'address' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

void through_arrow(Registers *registers) {
  registers->data |= 0x10;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: volatile access to 'data' through pointer 'registers' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  registers->status++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: volatile access to 'status' through pointer 'registers' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

std::uint32_t through_reference_parameter(volatile std::uint32_t &value,
                                          Registers &registers) {
  value = registers.status;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: volatile access through reference 'value' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: volatile access to 'status' through reference 'registers' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: volatile access through reference 'value' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

std::uint32_t through_either(bool first, volatile std::uint32_t *one,
                             volatile std::uint32_t *other) {
  return first ? *one : *other;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: volatile access through pointer 'one' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

/// A driver holding its register block by reference, as the kernel's do.
class Driver {
public:
  explicit Driver(Registers &registers) : registers_(registers) {}

  bool busy() const {
    return (registers_.status & 1U) != 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: volatile access to 'status' through reference 'registers_' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  }

  LEASH_UNSAFE("DATA of this driver's own register block")
  void write(std::uint32_t value) const { registers_.data = value; }

  void write_in_block(std::uint32_t value) const {
    LEASH_UNSAFE_BLOCK("DATA of this driver's own register block") {
      registers_.data = value;
    }
  }

private:
  Registers &registers_;
};

// Not unsafe: volatile objects accessed by their own names, and uses that
// read or write nothing (taking an address, binding a reference).
volatile std::uint32_t tick_count;
Registers shadow_registers;

std::uint32_t by_own_name() {
  volatile std::uint32_t local = 3;
  local = local + 1;
  tick_count = tick_count + local;
  shadow_registers.data = 5;
  volatile std::uint32_t *address = &shadow_registers.status;
  volatile std::uint32_t &alias = *address;
  (void)&alias;
  return shadow_registers.data + tick_count;
}

/// A volatile data member is reached by its own name inside its class (the
/// implicit `this`); through another object's pointer it is not.
class Counter {
public:
  void tick() { ticks_ = ticks_ + 1; }
  std::uint32_t read() const { return ticks_; }
  std::uint32_t other(const Counter *counter) const {
    return counter->ticks_;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: volatile access to 'ticks_' through pointer 'counter' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  }

private:
  volatile std::uint32_t ticks_ = 0;
};
