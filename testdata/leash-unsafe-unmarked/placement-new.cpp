// RUN: %check-rule %s leash-unsafe-unmarked
// Placement new at a computed address; at `&object` or into a named array
// it is not unsafe.
#include <leash/annotations.h>

#include <cstdint>
#include <memory>
#include <new>

struct Device {
  int state = 0;
};

alignas(Device) unsigned char storage[2 * sizeof(Device)];
Device existing;

Device *at_pointer(void *where) {
  return new (where) Device;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: placement new at a computed address outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// `storage + n` names an element of the array (as `&storage[n]`), not
// pointer arithmetic; placing an object there is still unsafe.
Device *at_offset() {
  return new (storage + sizeof(Device)) Device;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: placement new at a computed address outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

Device *at_address() {
  return new (reinterpret_cast<void *>(0x40000000)) Device;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: placement new at a computed address outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// Not unsafe: placement at a named object or array.
struct Holder {
  alignas(Device) unsigned char bytes[sizeof(Device)];
  Device *emplace() { return new (bytes) Device; }
};

Device *at_named_objects() {
  Device *first = new (storage) Device;
  Device *again = new (&existing) Device;
  Device *through_addressof = new (std::addressof(existing)) Device;
  return first == again ? through_addressof : first;
}

// Not reported: inside unsafe code.
LEASH_UNSAFE("the caller passes storage suitably sized and aligned")
Device *marked(void *where) { return new (where) Device; }
