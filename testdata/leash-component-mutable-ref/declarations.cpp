// RUN: %check-rule %s leash-component-mutable-ref
// Non-const references and pointers to a component, in every kind of
// declaration; and the const ones, which are how components are shared.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Uart {
public:
  void send(char byte) const { last_.set(byte); }

private:
  leash::Cell<char> last_;
};

// Found.

void configure(Uart &uart);
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: non-const reference to component 'Uart' in parameter 'uart'; components are shared, so use them through const [leash-component-mutable-ref]
// CHECK-MESSAGES: :7:23: note: component 'Uart' declared here

void configure_all(Uart *uarts[2]);
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: non-const pointer to component 'Uart' in parameter 'uarts'; components are shared, so use them through const [leash-component-mutable-ref]
// CHECK-MESSAGES: :7:23: note: component 'Uart' declared here

void adopt(Uart &&uart);
// CHECK-MESSAGES: :[[@LINE-1]]:19: warning: non-const reference to component 'Uart' in parameter 'uart'; components are shared, so use them through const [leash-component-mutable-ref]
// CHECK-MESSAGES: :7:23: note: component 'Uart' declared here

Uart &console_uart();
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: non-const reference to component 'Uart' returned by 'console_uart'; components are shared, so use them through const [leash-component-mutable-ref]
// CHECK-MESSAGES: :7:23: note: component 'Uart' declared here

struct Holder {
  Uart *uart;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: non-const pointer to component 'Uart' in data member 'uart'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Uart' declared here
};

Uart uart0;

void locals() {
  auto &alias = uart0;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: non-const reference to component 'Uart' in variable 'alias'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Uart' declared here
  Uart *const fixed = &uart0;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: non-const pointer to component 'Uart' in variable 'fixed'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Uart' declared here
  static Uart &remembered = uart0;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: non-const reference to component 'Uart' in variable 'remembered'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Uart' declared here
  Uart **cursor = nullptr;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: non-const pointer to component 'Uart' in variable 'cursor'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :7:23: note: component 'Uart' declared here
  (void)alias;
  (void)fixed;
  (void)remembered;
  (void)cursor;
}

// Not found: const references and pointers, values, pointers to const
// pointers, and non-components.

void configure_const(const Uart &uart);
const Uart &console_uart_const();
void configure_const_all(const Uart *const uarts[2]);
struct ConstHolder {
  const Uart &uart;
  const Uart *maybe;
};
struct Registers {
  unsigned control;
};
void write_registers(Registers &registers);

void const_locals() {
  const auto &alias = uart0;
  const Uart *table[2] = {&uart0, &uart0};
  const Uart **cursor = table;
  for (const Uart *each : table) {
    (void)each;
  }
  (void)alias;
  (void)cursor;
}
