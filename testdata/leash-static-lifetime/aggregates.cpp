// RUN: %check-rule %s leash-static-lifetime
// A component or static-only object held by value inside a plain struct
// lives as long as the struct: a local struct holding one is a local
// component, however deeply it is nested, and also in an array.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Uart {
public:
  unsigned sent() const { return sent_.get(); }

private:
  leash::Cell<unsigned> sent_;
};

struct LEASH_STATIC_ONLY Registry {
  leash::Cell<int> entries;
};

struct Parts {
  Uart uart;
  unsigned baud = 0;
};

struct Board {
  unsigned id = 0;
  Parts parts;
};

struct Bank {
  Uart uarts[2];
};

struct Registries : Bank {
  Registry registry;
};

// Not found: holding by reference or pointer, or no component at all.
struct Wiring {
  const Uart &uart;
  const Registry *registry;
};

struct Settings {
  unsigned baud = 0;
  unsigned parity[2] = {};
};

// Found.
unsigned locals() {
  Parts parts;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local variable of type 'Parts' holds a component of type 'Uart' by value, in 'uart', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :21:8: note: member 'uart' declared here
  // CHECK-MESSAGES: :8:23: note: component 'Uart' declared here
  Board board;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local variable of type 'Board' holds a component of type 'Uart' by value, in 'parts.uart', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :21:8: note: member 'uart' declared here
  // CHECK-MESSAGES: :8:23: note: component 'Uart' declared here
  Bank bank;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: local variable of type 'Bank' holds a component of type 'Uart' by value, in 'uarts', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :31:8: note: member 'uarts' declared here
  // CHECK-MESSAGES: :8:23: note: component 'Uart' declared here
  Parts many[2];
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local variable of type 'Parts' holds a component of type 'Uart' by value, in 'uart', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :21:8: note: member 'uart' declared here
  // CHECK-MESSAGES: :8:23: note: component 'Uart' declared here
  Registries registries;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: local variable of type 'Registries' holds a component of type 'Uart' by value, in 'uarts', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :31:8: note: member 'uarts' declared here
  // CHECK-MESSAGES: :8:23: note: component 'Uart' declared here
  const Parts &bound = Parts{};
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: temporary of type 'Parts' holds a component of type 'Uart' by value, in 'uart', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :21:8: note: member 'uart' declared here
  // CHECK-MESSAGES: :8:23: note: component 'Uart' declared here
  return parts.uart.sent() + board.parts.uart.sent() + bank.uarts[0].sent() +
         many[1].uart.sent() + registries.registry.entries.get() +
         bound.uart.sent();
}

unsigned by_value(Parts parts);
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: parameter of type 'Parts' holds a component of type 'Uart' by value, in 'uart', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
// CHECK-MESSAGES: :21:8: note: member 'uart' declared here
// CHECK-MESSAGES: :8:23: note: component 'Uart' declared here

struct Keys {
  Registry registry;
};

Keys *on_heap() { return new Keys; }
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: heap object of type 'Keys' holds a static-only object of type 'Registry' by value, in 'registry', and does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
// CHECK-MESSAGES: :[[@LINE-5]]:12: note: member 'registry' declared here
// CHECK-MESSAGES: :16:26: note: static-only type 'Registry' declared here

// Not found: the struct in static storage, and structs that hold no
// component by value.
Parts global_parts;
Board global_boards[2];
static Registries static_registries;

unsigned statics(const Uart &uart, const Registry &registry) {
  static Parts local_parts;
  static const Board local_board{};
  Wiring wiring{uart, &registry};
  Settings settings;
  const Parts &alias = global_parts;
  auto read = [&alias] { return alias.uart.sent(); };
  return local_parts.uart.sent() + local_board.parts.uart.sent() +
         wiring.uart.sent() + settings.baud + read() +
         global_boards[1].parts.uart.sent() +
         static_registries.registry.entries.get();
}
