// RUN: %check-rule %s leash-unsafe-unmarked
// Arithmetic and subscripting on raw pointers; subscripting an array, a
// reference to an array or a lease is not pointer arithmetic, and neither is
// integer arithmetic on uintptr_t.
#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstddef>
#include <cstdint>

struct Buffer {
  int *cursor;
  int items[4];
};

int raw_pointer_operations(int *p, int *q, std::size_t n) {
  int *forward = p + n;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: pointer arithmetic on 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  int *reversed = n + p;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: pointer arithmetic on 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  int *backward = p - 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: pointer arithmetic on 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  std::ptrdiff_t distance = q - p;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: pointer arithmetic on 'q' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  p += 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pointer arithmetic on 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  q -= 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pointer arithmetic on 'q' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  ++p;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pointer arithmetic on 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  q--;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pointer arithmetic on 'q' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  int element = p[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: subscript of raw pointer 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  int swapped = 1 [q];
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: subscript of raw pointer 'q' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return *forward + *reversed + *backward + static_cast<int>(distance) +
         element + swapped;
}

int members_and_arrays(Buffer &buffer, int (&array)[4]) {
  int next = *(buffer.cursor + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: pointer arithmetic on 'cursor' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  buffer.cursor++;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pointer arithmetic on 'cursor' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  // The array itself may be subscripted, and `array + 1` names its element
  // as `&array[1]` does; arithmetic on the pointer that comes out is
  // pointer arithmetic.
  int *second = array + 1;
  second += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pointer arithmetic on 'second' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return next + *second + array[2] + buffer.items[3];
}

// Not unsafe: subscripting arrays, references to arrays and leases;
// comparing and dereferencing pointers; arithmetic on integers that hold
// addresses.
int global_array[8];

int not_pointer_arithmetic(int (&array)[4], const int *p, const int *q,
                           leash::Lease<int> &lease, std::uintptr_t address) {
  int local[3] = {1, 2, 3};
  std::uintptr_t next_address = address + sizeof(int);
  next_address -= 4;
  ++next_address;
  bool ordered = p < q && p != nullptr;
  return array[1] + local[2] + global_array[3] + lease[0] + *p +
         static_cast<int>(next_address) + (ordered ? 1 : 0);
}

// Not reported: inside unsafe code.
LEASH_UNSAFE("the caller passes a buffer of at least two elements")
int marked(int *p) {
  ++p;
  return p[0] + *(p - 1);
}
