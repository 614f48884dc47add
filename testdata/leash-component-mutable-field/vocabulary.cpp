// RUN: %check-rule %s leash-component-mutable-field
// The vocabulary's own implementation does not trip the rule, and a
// component that keeps all its state in cells, uses all of the vocabulary,
// writes through its register-block reference and pushes itself into a
// list from its constructor is clean.
#include <leash/leash.h>

#include <array>
#include <cstdint>

void leash::violation_hook(Violation, const char *) noexcept {}

struct Registers {
  std::uint32_t control;
  void enable() { control = 1; }
};

class LEASH_COMPONENT Node;

class LEASH_COMPONENT Everything {
public:
  explicit Everything(Registers &registers) : registers_(registers) {
    count_.set(1);
  }

  void run() const {
    registers_.enable();
    registers_.control = 2;
    leash::increment(count_);
    optional_.set(3);
    optional_.map([](int value) { return value + 1; });
    taken_.map([&](leash::Lease<std::uint8_t> &lease) {
      lease[0] = 1;
      count_.set(static_cast<unsigned>(lease.size()));
    });
    mapped_.map([](int &value) { ++value; });
    for (const leash::OptionalCell<int> &each : slots_)
      each.clear();
    slots_[1].set(4);
    (void)list_.is_empty();
    mutable_count_.set(2);
  }
  const leash::List<Node> &nodes() const { return list_; }

private:
  Registers &registers_;
  leash::Cell<unsigned> count_;
  mutable leash::Cell<unsigned> mutable_count_;
  leash::OptionalCell<int> optional_;
  leash::TakeCell<leash::Lease<std::uint8_t>> taken_;
  leash::MapCell<int> mapped_{5};
  std::array<leash::OptionalCell<int>, 3> slots_;
  leash::List<Node> list_;
};

class LEASH_COMPONENT Node {
public:
  explicit Node(const Everything &owner) { owner.nodes().push_tail(*this); }
  const leash::ListLink<Node> &list_link() const { return link_; }

private:
  leash::ListLink<Node> link_;
};
