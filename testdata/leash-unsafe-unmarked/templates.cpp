// RUN: %check-rule %s leash-unsafe-unmarked
// Templates: an unsafe operation is reported once, at the template, however
// many times it is instantiated; operations that only an instantiation
// reveals (a dependent call) are reported at the template too.
#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>

template <typename T> T second(T *items) {
  return items[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: subscript of raw pointer 'items' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

template <typename T> T *at(std::uintptr_t address) {
  return reinterpret_cast<T *>(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// Which member is called depends on the argument: found in the
// instantiations, reported at the template.
template <typename Buffer> auto address_of(Buffer &buffer) {
  return buffer.raw_data();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: call to LEASH_UNSAFE_API function 'raw_data' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// A class template's member defined out of line, marker on the declaration.
template <typename T> struct Window {
  LEASH_UNSAFE("index < size, checked by the caller")
  T get(std::size_t index) const;
  T unmarked_get(std::size_t index) const { return items[index]; }
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: subscript of raw pointer 'items' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  T *items;
};

template <typename T> T Window<T>::get(std::size_t index) const {
  return items[index];
}

// Not reported: a marked template, and a template whose operation is unsafe
// in none of its instantiations (subscripting arrays and leases).
template <typename T>
LEASH_UNSAFE("the caller passes at least two elements")
T marked_second(T *items) {
  return items[1];
}

template <typename Container> auto first(Container &container) {
  return container[0];
}

int uses(int *ints, char *chars, leash::Lease<int> &ints_lease,
         leash::Lease<char> &chars_lease) {
  int array[2] = {1, 2};
  Window<int> int_window{ints};
  Window<char> char_window{chars};
  return second(ints) + second(chars) + *at<int>(0x100) + *at<char>(0x200) +
         *address_of(ints_lease) + *address_of(chars_lease) +
         int_window.get(0) + char_window.get(0) + int_window.unmarked_get(0) +
         char_window.unmarked_get(0) + marked_second(ints) +
         marked_second(chars) + first(array) + first(ints_lease) +
         first(chars_lease);
}
