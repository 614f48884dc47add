// RUN: %check-rule %s leash-global-mutable
// The vocabulary's own implementation does not trip the rule (a lease's
// scratch element is part of the trusted implementation of Lease), and a
// board that keeps its global state in cells, components and leases is
// clean.
#include <leash/leash.h>

#include <array>
#include <cstdint>

void leash::violation_hook(Violation, const char *) noexcept {}

class LEASH_COMPONENT Node {
public:
  const leash::ListLink<Node> &list_link() const { return link_; }

private:
  leash::ListLink<Node> link_;
};

class LEASH_COMPONENT Driver {
public:
  void run() const {
    leash::increment(count_);
    optional_.set(3);
    optional_.map([](int value) { return value + 1; });
    buffer_.map([&](leash::Lease<std::uint8_t> &lease) {
      lease[0] = 1;
      for (std::uint8_t &byte : lease)
        byte = 0;
      count_.set(static_cast<unsigned>(lease.size()));
    });
    mapped_.map([](int &value) { ++value; });
    for (const leash::OptionalCell<int> &each : slots_)
      each.clear();
  }
  void give(leash::Lease<std::uint8_t> lease) const {
    buffer_.put(std::move(lease));
  }
  const leash::List<Node> &nodes() const { return nodes_; }

private:
  leash::Cell<unsigned> count_;
  leash::OptionalCell<int> optional_;
  leash::TakeCell<leash::Lease<std::uint8_t>> buffer_;
  leash::MapCell<int> mapped_{5};
  std::array<leash::OptionalCell<int>, 3> slots_;
  leash::List<Node> nodes_;
};

const Driver driver;
Node node;
leash::Cell<std::uint32_t> ticks;
leash::OptionalCell<const Node *> current;
leash::MapCell<std::array<int, 4>> table;
leash::List<Node> ready;
std::uint8_t storage[32];
std::uint16_t wide_storage[8];

int main() {
  driver.give(leash::Lease<std::uint8_t>::from(storage));
  leash::Lease<std::uint16_t> wide = leash::Lease<std::uint16_t>::from(wide_storage);
  wide[0] = 1;
  ready.push_tail(node);
  driver.nodes().push_head(node);
  driver.run();
  ticks.set(1);
  return static_cast<int>(wide.size());
}
