// RUN: %check-rule %s leash-unsafe-unmarked
// What is unsafe code: a LEASH_UNSAFE or LEASH_UNSAFE_API function (marked
// on any declaration) with the lambdas written in it, and the block of a
// LEASH_UNSAFE_BLOCK with the lambdas inside it. Nothing else.
#include <leash/annotations.h>

#include <cstdint>

// Marker on the declaration only: the out-of-line definition is unsafe code.
LEASH_UNSAFE("the address is the caller's device register")
int *device_word(std::uintptr_t address);

int *device_word(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
}

// Marker on the definition only: the same.
struct Device {
  int *word(std::uintptr_t offset) const;
  int *unmarked_word(std::uintptr_t offset) const;
  std::uintptr_t base;
};

LEASH_UNSAFE("offset is inside the device's register block")
int *Device::word(std::uintptr_t offset) const {
  return reinterpret_cast<int *>(base + offset);
}

int *Device::unmarked_word(std::uintptr_t offset) const {
  return reinterpret_cast<int *>(base + offset);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// A constructor's member initializers are part of its body.
struct Window {
  LEASH_UNSAFE("the address is the window's register")
  explicit Window(std::uintptr_t address)
      : word(*reinterpret_cast<int *>(address)) {}
  explicit Window(int *words) : word(words[1]) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: subscript of raw pointer 'words' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  int &word;
};

// Lambdas written in unsafe code are unsafe code; others are not.
LEASH_UNSAFE("the caller passes a buffer of at least three elements")
int lambdas_in_marked_function(int *p) {
  auto second = [p] { return p[1]; };
  auto generic = [](auto *q) { return *(q + 2); };
  return second() + generic(p);
}

int lambdas_in_unmarked_function(int *p) {
  auto second = [p] { return p[1]; };
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: subscript of raw pointer 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  auto generic = [](auto *q) { return *(q + 2); };
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: pointer arithmetic on 'q' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return second() + generic(p);
}

// Unsafe blocks: the block, nested blocks and lambdas inside are unsafe
// code; the statements around the block are not.
int blocks(int *p) {
  LEASH_UNSAFE_BLOCK("p points at two elements") {
    ++p;
    LEASH_UNSAFE_BLOCK("nested") { --p; }
    auto read = [p] { return p[1]; };
    if (read() == 0) {
      return p[0];
    }
  }
  return p[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: subscript of raw pointer 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

int block_in_lambda(int *p) {
  auto read = [p] {
    LEASH_UNSAFE_BLOCK("p points at two elements") { return p[1]; }
    return 0;
  };
  auto unmarked = [p] { return p[1]; };
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: subscript of raw pointer 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return read() + unmarked();
}

// A plain `if` with an init-statement is not an unsafe block.
int plain_if(int *p) {
  if (constexpr bool always = true; always) {
    return p[0];
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: subscript of raw pointer 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  }
  return 0;
}

// Outside any function there is no unsafe code.
int *const fixed_word = reinterpret_cast<int *>(0x20000000);
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]

// A class defined inside an unsafe function has functions of its own: they
// are not unsafe code (as in Rust, where a nested fn is not inside the
// enclosing unsafe block).
LEASH_UNSAFE("test input")
int local_class(int *p) {
  struct Reader {
    int read(int *q) { return q[1]; }
    // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: subscript of raw pointer 'q' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  };
  return Reader().read(p) + p[2];
}
