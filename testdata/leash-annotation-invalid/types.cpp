// RUN: %check-rule %s leash-annotation-invalid
// LEASH_CELL's kind, and the type markers' places: a kind the checker does
// not know is found at the string; a type marker on anything but a class is
// found at the macro. Correct kinds and markers are silent.
#include <leash/annotations.h>

// Found: a kind misspelt, and a kind that is not one.
class LEASH_CELL("mpa") Registry {};
// CHECK-MESSAGES: :[[@LINE-1]]:18: warning: unknown cell kind 'mpa' in LEASH_CELL; did you mean 'map'? (as written, 'Registry' gets no check that depends on its kind) [leash-annotation-invalid]
template <typename T> class LEASH_CELL("atomic") Counter {};
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: unknown cell kind 'atomic' in LEASH_CELL, which takes one of: cell, optional, take, map, list (as written, 'Counter' gets no check that depends on its kind) [leash-annotation-invalid]

// Found: type markers on a variable and a function.
LEASH_CELL("cell") int ticks;
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: LEASH_CELL on 'ticks', which is not a class, has no effect [leash-annotation-invalid]
LEASH_LEASE int *buffer_pointer;
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: LEASH_LEASE on 'buffer_pointer', which is not a class, has no effect [leash-annotation-invalid]
LEASH_COMPONENT void start();
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: LEASH_COMPONENT on 'start', which is not a class, has no effect [leash-annotation-invalid]
LEASH_STATIC_ONLY int table[4];
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: LEASH_STATIC_ONLY on 'table', which is not a class, has no effect [leash-annotation-invalid]

// Silent: every kind, and every marker on a class (a template too).
class LEASH_CELL("cell") Value {};
class LEASH_CELL("optional") MaybeValue {};
class LEASH_CELL("take") Slot {};
class LEASH_CELL("map") Guarded {};
template <typename T> class LEASH_CELL("list") Chain {};
template <typename T> class LEASH_LEASE Buffer {};
class LEASH_COMPONENT Driver {};
struct LEASH_STATIC_ONLY Pool {};
Chain<int> chain;
Buffer<char> buffer;

// Silent: the other markers, which this rule does not judge.
LEASH_UNSAFE("reads a register") int read_register();
