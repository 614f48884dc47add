// RUN: %check-rule %s leash-static-lifetime
// Nodes pushed into a List and the arrays leases are created from must
// have static storage duration: a local, a temporary, or a parameter or
// pointer of unknown origin is found; a node that is a component, or a
// member of a component, is static by rule.
#include <leash/leash.h>

#include <cstdint>

void leash::violation_hook(Violation, const char *) noexcept {}

struct Task {
  const leash::ListLink<Task> &list_link() const { return link; }
  leash::ListLink<Task> link;
};

leash::List<Task> ready;
Task global_task;

class LEASH_COMPONENT Alarm {
public:
  // A component pushes itself in its constructor (the kernel's VirtualAlarm).
  explicit Alarm(const leash::List<Alarm> &alarms) { alarms.push_tail(*this); }
  const leash::ListLink<Alarm> &list_link() const { return link_; }

  // A member of a component is static by rule.
  void queue() const { ready.push_head(task_); }
  void lease() const {
    buffer_.put(leash::Lease<std::uint8_t>::from(storage_));
  }

private:
  leash::ListLink<Alarm> link_;
  Task task_;
  static inline std::uint8_t storage_[4];
  leash::TakeCell<leash::Lease<std::uint8_t>> buffer_;
};

void add(const Alarm &alarm, const leash::List<Alarm> &alarms) {
  alarms.push_head(alarm);
}

// Found.
void found(const Task &from_caller, const Task *pointer,
           std::uint8_t (&caller_storage)[8]) {
  Task local;
  ready.push_tail(local);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: list node 'local' is a local variable; nodes pushed into a list must have static storage duration [leash-static-lifetime]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'local' declared here
  ready.push_tail(from_caller);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: list node 'from_caller' is a parameter, of unknown origin; nodes pushed into a list must have static storage duration [leash-static-lifetime]
  // CHECK-MESSAGES: :44:24: note: 'from_caller' declared here
  ready.push_head(*pointer);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: list node is of unknown origin; nodes pushed into a list must have static storage duration [leash-static-lifetime]
  std::uint8_t bytes[16];
  auto lease = leash::Lease<std::uint8_t>::from(bytes);
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: lease storage 'bytes' is a local variable; the array a lease is created from must have static storage duration [leash-static-lifetime]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'bytes' declared here
  auto other = leash::Lease<std::uint8_t>::from(caller_storage);
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: lease storage 'caller_storage' is a parameter, of unknown origin; the array a lease is created from must have static storage duration [leash-static-lifetime]
  // CHECK-MESSAGES: :45:27: note: 'caller_storage' declared here
  (void)ready.remove(local);
  leash::TakeCell<leash::Lease<std::uint8_t>> keep{std::move(lease)};
  keep.put(std::move(other));
}

// Not found: static nodes and storage, reached directly or through a
// reference bound to them.
std::uint8_t global_storage[8];

void not_found() {
  static Task static_task;
  const Task &alias = global_task;
  ready.push_tail(global_task);
  ready.push_tail(static_task);
  (void)ready.remove(alias);
  ready.push_head(alias);
  static std::uint8_t static_storage[8];
  leash::TakeCell<leash::Lease<std::uint8_t>> cell{
      leash::Lease<std::uint8_t>::from(static_storage)};
  cell.put(leash::Lease<std::uint8_t>::from(global_storage));
}
