// RUN: %check-rule %s leash-component-mutable-ref
// The vocabulary's own implementation does not trip the rule, and a
// component that uses all of it through const is clean.
#include <leash/leash.h>

#include <array>
#include <cstdint>

void leash::violation_hook(Violation, const char *) noexcept {}

struct Registers {
  std::uint32_t control;
  void enable() { control = 1; }
};

class LEASH_COMPONENT Everything {
public:
  explicit Everything(Registers &registers) : registers_(registers) {}
  static Everything const &instance();

  void run() const {
    registers_.enable();
    leash::increment(count_);
    optional_.set(3);
    optional_.map([](int value) { return value + 1; });
    taken_.map([&](leash::Lease<std::uint8_t> &lease) {
      count_.set(static_cast<unsigned>(lease.size()));
    });
    mapped_.map([](int &value) { ++value; });
    for (const leash::OptionalCell<int> &each : slots_)
      each.clear();
    (void)list_.is_empty();
  }
  const leash::ListLink<Everything> &list_link() const { return link_; }

private:
  Registers &registers_;
  leash::Cell<unsigned> count_;
  mutable leash::Cell<unsigned> mutable_count_;
  leash::OptionalCell<int> optional_;
  leash::TakeCell<leash::Lease<std::uint8_t>> taken_;
  leash::MapCell<int> mapped_{5};
  std::array<leash::OptionalCell<int>, 3> slots_;
  leash::List<Everything> list_;
  leash::ListLink<Everything> link_;
};
