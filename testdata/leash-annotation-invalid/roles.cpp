// RUN: %check-rule %s leash-annotation-invalid
// LEASH_ROLE: a role the checker does not know is found at the string, with
// the nearest role when one is close; a role on a declaration that no call
// names on an object is found at the macro. The vocabulary's own roles, and
// a project's correct ones, are silent.
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>

template <typename T> class LEASH_CELL("take") Slot {
public:
  // Found: misspellings, with the role that was meant.
  LEASH_ROLE("tkae") T reclaim() const noexcept;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: unknown role 'tkae' in LEASH_ROLE; did you mean 'take'? (as written, a call of 'reclaim' is an ordinary use of its object) [leash-annotation-invalid]
  LEASH_ROLE("testempty") bool vacant() const noexcept;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: unknown role 'testempty' in LEASH_ROLE; did you mean 'test_empty'? (as written, a call of 'vacant' is an ordinary use of its object) [leash-annotation-invalid]
  LEASH_ROLE("Put") void give(T value) const noexcept;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: unknown role 'Put' in LEASH_ROLE; did you mean 'put'? (as written, a call of 'give' is an ordinary use of its object) [leash-annotation-invalid]
  // Found: nothing near, so the roles are listed.
  template <typename F> LEASH_ROLE("borrow") void with(F &&f) const;
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: unknown role 'borrow' in LEASH_ROLE, which takes one of: take, put, replace, lend, get, clear, swap, test_empty, test_full, unwrap, link, unlink (as written, a call of 'with' is an ordinary use of its object) [leash-annotation-invalid]
  LEASH_ROLE("") void nothing() const noexcept;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: unknown role '' in LEASH_ROLE, which takes one of: take, put, replace, lend, get, clear, swap, test_empty, test_full, unwrap, link, unlink (as written, a call of 'nothing' is an ordinary use of its object) [leash-annotation-invalid]

  // Found: declarations that no member call names.
  LEASH_ROLE("take") static Slot make() noexcept;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: LEASH_ROLE on 'make', which is not a member function called on an object, has no effect [leash-annotation-invalid]
  LEASH_ROLE("put") Slot() noexcept = default;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: LEASH_ROLE on 'Slot<T>', which is not a member function called on an object, has no effect [leash-annotation-invalid]
  LEASH_ROLE("test_full") bool full_ = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: LEASH_ROLE on 'full_', which is not a member function called on an object, has no effect [leash-annotation-invalid]

  // Silent: every role, spelled right, on members called on an object.
  LEASH_ROLE("replace") T exchange(T value) const noexcept;
  LEASH_ROLE("test_full") bool holding() const noexcept;
  LEASH_ROLE("test_full") explicit operator bool() const noexcept;
  LEASH_ROLE("get") T peek() const noexcept;
  LEASH_ROLE("clear") void drop() const noexcept;
  LEASH_ROLE("swap") void trade(const Slot &other) const noexcept;
  LEASH_ROLE("unwrap") T &inside() const noexcept;
  LEASH_ROLE("link") void attach(const T &node) const noexcept;
  LEASH_ROLE("unlink") void detach(const T &node) const noexcept;
  template <typename F> LEASH_ROLE("lend") void lend(F &&f) const;
};

// Found once, at the template, however often it is instantiated.
Slot<int> first;
Slot<long> second;

// Found: a role on a free function.
LEASH_ROLE("take") int take_one();
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: LEASH_ROLE on 'take_one', which is not a member function called on an object, has no effect [leash-annotation-invalid]

// Silent: the vocabulary's own headers, used.
std::uint8_t storage[4];
leash::TakeCell<leash::Lease<std::uint8_t>> cell;
void use() { cell.put(leash::Lease<std::uint8_t>::from(storage)); }
