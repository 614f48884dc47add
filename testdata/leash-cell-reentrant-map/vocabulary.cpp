// RUN: %check-rule %s leash-cell-reentrant-map
// The vocabulary's own implementation (TakeCell::map calls take and
// put_back on itself, MapCell::map checks its own flag) does not trip the
// rule, and a driver that uses all of it correctly is clean: the kernel's
// pattern of a lease captured by reference in another cell's map and
// written through, nested maps of different cells, and OptionalCell's map.
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
  void transfer() const {
    transmit_.map([&](leash::Lease<std::uint8_t> &out) {
      receive_.map([&](leash::Lease<std::uint8_t> &in) {
        for (std::size_t i = 0; i < in.size() && i < out.size(); ++i)
          out[i] = in[i];
      });
      state_.map([&](int &state) { state = static_cast<int>(out.size()); });
    });
    int length = state_.map_or(0, [](int &state) { return state; });
    optional_.map([this](int value) { optional_.set(value + 1); });
    leash::increment(count_);
    count_.set(static_cast<unsigned>(length));
    for (const leash::OptionalCell<int> &slot : slots_)
      slot.clear();
    nodes_.push_tail(node_);
    leash::Lease<std::uint8_t> taken = transmit_.take();
    transmit_.put(std::move(taken));
  }

private:
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit_;
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_;
  leash::MapCell<int> state_{0};
  leash::OptionalCell<int> optional_;
  leash::Cell<unsigned> count_;
  std::array<leash::OptionalCell<int>, 2> slots_;
  leash::List<Node> nodes_;
  Node node_;
};
