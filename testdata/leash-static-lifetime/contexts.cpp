// RUN: %check-rule %s leash-static-lifetime
// Headers, lambdas, out-of-line members, and the vocabulary used as the
// kernel uses it (nothing found there).
#include "Inputs/board.h"

#include <leash/leash.h>

#include <cstdint>

// CHECK-MESSAGES: {{.*}}board.h:14:7: warning: local variable of component type 'Led' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
// CHECK-MESSAGES: {{.*}}board.h:5:23: note: component 'Led' declared here

void leash::violation_hook(Violation, const char *) noexcept {}

class LEASH_COMPONENT Mux;

class LEASH_COMPONENT Client {
public:
  explicit Client(const Mux &mux);
  const leash::ListLink<Client> &list_link() const { return link_; }

private:
  leash::ListLink<Client> link_;
};

class LEASH_COMPONENT Mux {
public:
  const leash::List<Client> &clients() const { return clients_; }
  void add(const Client &client) const { clients_.push_tail(client); }

private:
  leash::List<Client> clients_;
};

// Out of line: a component pushes itself while it is constructed.
Client::Client(const Mux &mux) { mux.clients().push_head(*this); }

Mux mux;
Client first{mux};
std::uint8_t storage[16];
leash::TakeCell<leash::Lease<std::uint8_t>> buffer{
    leash::Lease<std::uint8_t>::from(storage)};

void lambdas() {
  auto make = []() {
    Client local{mux};
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: local variable of component type 'Client' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
    // CHECK-MESSAGES: :17:23: note: component 'Client' declared here
    return local.list_link().is_linked();
  };
  auto use = [](const Client &client) { mux.add(client); };
  static Client second{mux};
  use(second);
  (void)make;
}

struct Node {
  const leash::ListLink<Node> &list_link() const { return link; }
  leash::ListLink<Node> link;
};

struct Queue {
  void push(const Node &node) const { nodes.push_tail(node); }
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: list node 'node' is a parameter, of unknown origin; nodes pushed into a list must have static storage duration [leash-static-lifetime]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'node' declared here
  leash::List<Node> nodes;
};
