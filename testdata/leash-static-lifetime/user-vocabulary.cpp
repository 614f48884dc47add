// RUN: %check-rule %s leash-static-lifetime
// A project's own list, whose members have other names and say their roles
// with LEASH_ROLE (../Inputs/user_vocabulary.h): a node linked in by
// `insert_front` or `append` (the role "link") must have static storage
// duration, as one pushed into a leash::List in nodes-and-storage.cpp; the
// list's other members (`vacant`) take no node.
#include "../Inputs/user_vocabulary.h"

#include <cstdint>

struct Task {
  const project::Value<const Task *> &chain_next() const { return next; }
  project::Value<const Task *> next;
};

project::Chain<Task> ready;
Task global_task;

class LEASH_COMPONENT Alarm {
public:
  // A component links itself in its constructor.
  explicit Alarm(const project::Chain<Alarm> &alarms) { alarms.append(*this); }
  const project::Value<const Alarm *> &chain_next() const { return next_; }

  // A member of a component is static by rule.
  void queue() const { ready.insert_front(task_); }

private:
  project::Value<const Alarm *> next_;
  Task task_;
};

void add(const Alarm &alarm, const project::Chain<Alarm> &alarms) {
  alarms.insert_front(alarm);
}

// Found.
void found(const Task &from_caller, const Task *pointer) {
  Task local;
  ready.append(local);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: list node 'local' is a local variable; nodes pushed into a list must have static storage duration [leash-static-lifetime]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'local' declared here
  ready.insert_front(from_caller);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: list node 'from_caller' is a parameter, of unknown origin; nodes pushed into a list must have static storage duration [leash-static-lifetime]
  // CHECK-MESSAGES: :38:24: note: 'from_caller' declared here
  ready.insert_front(*pointer);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: list node is of unknown origin; nodes pushed into a list must have static storage duration [leash-static-lifetime]
  (void)ready.vacant();
}

// Not found: static nodes, reached directly or through a reference bound
// to them.
void not_found() {
  static Task static_task;
  const Task &alias = global_task;
  ready.append(global_task);
  ready.append(static_task);
  ready.insert_front(alias);
}
