// RUN: %check-rule %s leash-unsafe-unmarked
// Casts: reinterpret_cast, const_cast, and C-style or functional casts that
// convert between integers and pointers, drop const, or reinterpret.
#include <leash/annotations.h>

#include <cstdint>

using IntPointer = int *;

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

float *as_float(int *value) {
  return reinterpret_cast<float *>(value);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

int *c_style_from_address(std::uintptr_t address) {
  return (int *)address;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: cast from integer to pointer outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

int *functional_from_address(std::uintptr_t address) {
  return IntPointer(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: cast from integer to pointer outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

std::uintptr_t address_of(int *value) {
  return (std::uintptr_t)value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: cast from pointer to integer outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

int *writable(const int *value) {
  return const_cast<int *>(value);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: const_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// Every const_cast counts, even one that only adds const.
const int *read_only(int *value) {
  return const_cast<const int *>(value);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: const_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

int *c_style_writable(const int *value) {
  return (int *)value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: C-style cast that drops const outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

int &c_style_writable_reference(const int &value) {
  return (int &)value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: C-style cast that drops const outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

char **c_style_inner_const(const char **text) {
  return (char **)text;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: C-style cast that drops const outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

float *c_style_reinterpret(int *value) {
  return (float *)value;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: C-style cast that acts as reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

unsigned char bytes[4];
const char greeting[6] = "hello";

float *array_as_float() {
  return (float *)bytes;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: C-style cast that acts as reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

char *writable_greeting() {
  return (char *)greeting;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: C-style cast that drops const outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

using Handler = void (*)();

Handler as_handler(void *entry) {
  return (Handler)entry;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: C-style cast that acts as reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// Not unsafe: static_cast, null pointers, conversions that add const, casts
// to void * or bool, integer conversions.
struct Base {
  int x;
};
struct Derived : Base {};

void safe_casts(void *raw, int *value, const Derived *derived, long wide) {
  int *typed = static_cast<int *>(raw);
  int *c_style_typed = (int *)raw;
  void *untyped = (void *)value;
  const int *constant = (const int *)value;
  bool present = (bool)value;
  int *null = (int *)0;
  int *also_null = (int *)nullptr;
  const Base *base = (const Base *)derived;
  int narrow = (int)wide;
  int functional = int(wide);
  (void)typed;
  (void)c_style_typed;
  (void)untyped;
  (void)constant;
  (void)present;
  (void)null;
  (void)also_null;
  (void)base;
  (void)narrow;
  (void)functional;
}

// Not reported: inside unsafe code.
LEASH_UNSAFE("the address is a device register, test input")
int *marked_from_address(std::uintptr_t address) {
  const int *fixed = reinterpret_cast<const int *>(address);
  return const_cast<int *>(fixed) + 0 - 0 == nullptr ? (int *)address
                                                     : (int *)fixed;
}

// One register access that is three unsafe operations at one place (a cast
// from an integer, a subscript of the raw pointer it makes, a volatile
// write): one finding naming all three.
void register_write() {
  reinterpret_cast<volatile unsigned *>(0x40000008)[0] = 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: volatile access through pointer, subscript of raw pointer and reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}
