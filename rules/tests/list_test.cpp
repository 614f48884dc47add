/// Tests for list.h: the intrusive List<T> and ListLink<T>.
#include "leash/list.h"

#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <iterator>
#include <type_traits>
#include <vector>

namespace {

using leash::List;
using leash::ListLink;
using leash::Violation;
using ListTest = leash_test::RecordingTest;

/// A node in one list, through the default `list_link()` member.
struct Node {
  explicit Node(int node_id) : id(node_id) {}
  int id;
  ListLink<Node> link;
  const ListLink<Node> &list_link() const { return link; }
};

/// A node in two lists at once: `all` by default, `ready` through ReadyLink.
struct Task {
  explicit Task(int task_id) : id(task_id) {}
  int id;
  ListLink<Task> all;
  ListLink<Task> ready;
  const ListLink<Task> &list_link() const { return all; }
};

struct ReadyLink {
  static const ListLink<Task> &get(const Task &task) { return task.ready; }
};

static_assert(!std::is_copy_constructible_v<List<Node>>);
static_assert(!std::is_copy_constructible_v<ListLink<Node>>);
static_assert(std::forward_iterator<List<Node>::iterator>);
static_assert(
    std::is_same_v<std::iter_reference_t<List<Node>::iterator>, const Node &>);
static_assert(std::is_same_v<List<Node>::const_iterator, List<Node>::iterator>);
static_assert(std::is_same_v<List<Node>::value_type, Node>);

template <typename L> std::vector<int> ids(const L &list) {
  std::vector<int> result;
  for (const auto &node : list) {
    result.push_back(node.id);
  }
  return result;
}

constinit List<Node> constant_list;

TEST_F(ListTest, EmptyList) {
  const List<Node> list;
  EXPECT_TRUE(list.is_empty());
  EXPECT_TRUE(constant_list.is_empty());
  EXPECT_EQ(list.head(), nullptr);
  EXPECT_EQ(list.tail(), nullptr);
  EXPECT_EQ(list.pop_head(), nullptr);
  EXPECT_EQ(list.pop_tail(), nullptr);
  EXPECT_EQ(list.begin(), list.end());
}

TEST_F(ListTest, PushHeadPrepends) {
  Node a{1}, b{2}, c{3};
  const List<Node> list;
  list.push_head(a);
  list.push_head(b);
  list.push_head(c);
  EXPECT_EQ(ids(list), (std::vector<int>{3, 2, 1}));
  EXPECT_EQ(list.head(), &c);
  EXPECT_EQ(list.tail(), &a);
  EXPECT_FALSE(list.is_empty());
}

TEST_F(ListTest, PushTailAppends) {
  Node a{1}, b{2}, c{3};
  const List<Node> list;
  list.push_tail(a);
  list.push_tail(b);
  list.push_head(c);
  EXPECT_EQ(ids(list), (std::vector<int>{3, 1, 2}));
  EXPECT_EQ(list.tail(), &b);
}

TEST_F(ListTest, PopHeadAndPopTailUnlink) {
  Node a{1}, b{2}, c{3};
  const List<Node> list;
  list.push_tail(a);
  list.push_tail(b);
  list.push_tail(c);
  EXPECT_EQ(list.pop_head(), &a);
  EXPECT_FALSE(a.link.is_linked());
  EXPECT_EQ(list.pop_tail(), &c);
  EXPECT_EQ(ids(list), (std::vector<int>{2}));
  EXPECT_EQ(list.pop_tail(), &b);
  EXPECT_TRUE(list.is_empty());
  EXPECT_EQ(list.tail(), nullptr);
}

TEST_F(ListTest, RemoveAnywhere) {
  Node a{1}, b{2}, c{3}, d{4};
  const List<Node> list;
  for (const Node *node : {&a, &b, &c, &d}) {
    list.push_tail(*node);
  }
  EXPECT_TRUE(list.remove(b)); // middle
  EXPECT_EQ(ids(list), (std::vector<int>{1, 3, 4}));
  EXPECT_TRUE(list.remove(a)); // head
  EXPECT_TRUE(list.remove(d)); // tail
  EXPECT_EQ(ids(list), (std::vector<int>{3}));
  EXPECT_EQ(list.head(), &c);
  EXPECT_EQ(list.tail(), &c);
  EXPECT_TRUE(list.remove(c)); // only node
  EXPECT_TRUE(list.is_empty());
  EXPECT_FALSE(list.remove(c)); // no longer in it
}

TEST_F(ListTest, RemoveOfANodeInAnotherListIsRefused) {
  Node a{1}, b{2};
  const List<Node> first;
  const List<Node> second;
  first.push_tail(a);
  second.push_tail(b);
  EXPECT_FALSE(second.remove(a));
  EXPECT_EQ(ids(first), (std::vector<int>{1}));
  EXPECT_EQ(ids(second), (std::vector<int>{2}));
}

TEST_F(ListTest, ContainsAndIsLinked) {
  Node a{1}, b{2};
  const List<Node> list;
  EXPECT_FALSE(a.link.is_linked());
  list.push_head(a);
  EXPECT_TRUE(a.link.is_linked());
  EXPECT_TRUE(list.contains(a));
  EXPECT_FALSE(list.contains(b));
}

TEST_F(ListTest, PushingALinkedNodeIsRefused) {
  Node a{1}, b{2};
  const List<Node> list;
  const List<Node> other;
  list.push_tail(a);
  list.push_tail(b);
  list.push_head(a); // would make a cycle
  list.push_tail(b);
  other.push_tail(a); // would corrupt both lists
  EXPECT_EQ(leash_test::count_violations(Violation::ListNodeAlreadyLinked), 3u);
  EXPECT_EQ(ids(list), (std::vector<int>{1, 2}));
  EXPECT_TRUE(other.is_empty());
}

TEST_F(ListTest, NodesCanBeReusedAfterRemoval) {
  Node a{1};
  const List<Node> first;
  const List<Node> second;
  first.push_tail(a);
  EXPECT_EQ(first.pop_head(), &a);
  second.push_tail(a);
  EXPECT_TRUE(second.contains(a));
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(ListTest, ANodeInTwoListsThroughTwoLinks) {
  Task t1{1}, t2{2};
  const List<Task> all;
  const List<Task, ReadyLink> ready;
  all.push_tail(t1);
  all.push_tail(t2);
  ready.push_tail(t2);
  EXPECT_EQ(ids(all), (std::vector<int>{1, 2}));
  EXPECT_EQ(ids(ready), (std::vector<int>{2}));
  EXPECT_TRUE(ready.remove(t2));
  EXPECT_EQ(ids(all), (std::vector<int>{1, 2}));
}

TEST_F(ListTest, IteratorsAdvance) {
  Node a{1}, b{2};
  const List<Node> list;
  list.push_tail(a);
  list.push_tail(b);
  auto it = list.begin();
  auto previous = it++;
  EXPECT_EQ(&*previous, &a);
  EXPECT_EQ(&*it, &b);
  EXPECT_EQ(++it, list.end());
  EXPECT_EQ(List<Node>::iterator(), list.end());
  EXPECT_EQ(std::distance(list.begin(), list.end()), 2);
}

TEST_F(ListTest, RemovingTheCurrentNodeEndsIterationSafely) {
  Node a{1}, b{2}, c{3};
  const List<Node> list;
  list.push_tail(a);
  list.push_tail(b);
  list.push_tail(c);
  int visited = 0;
  for (const Node &node : list) {
    ++visited;
    EXPECT_TRUE(list.remove(node));
  }
  EXPECT_EQ(visited,
            1); // documented: may end early, never touches freed memory
  EXPECT_EQ(ids(list), (std::vector<int>{2, 3}));
}

} // namespace
