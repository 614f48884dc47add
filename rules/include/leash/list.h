/// List<T>: an intrusive doubly linked list of nodes that live forever.
#ifndef LEASH_LIST_H
#define LEASH_LIST_H

#include "annotations.h"
#include "cell.h"
#include "violation.h"

#include <cstddef>
#include <iterator>

namespace leash {

template <typename T, typename LinkOf> class List;

/// The links that a node of type `T` embeds to be a member of one List at a
/// time (Tock's `ListLink`). The links are cells, so a list is changed
/// through `const` references; only List touches them. A node type embeds one
/// ListLink per list it can be in.
template <typename T> class LEASH_CELL("list") ListLink {
public:
  /// Unlinked.
  constexpr ListLink() noexcept = default;

  /// Not copyable: a link belongs to one node.
  ListLink(const ListLink &) = delete;
  ListLink &operator=(const ListLink &) = delete;

  /// Whether the node is currently in a list.
  LEASH_ROLE("test_full")
  [[nodiscard]] constexpr bool is_linked() const noexcept {
    return owner_.get() != nullptr;
  }

private:
  template <typename, typename> friend class List;

  Cell<const T *> next_;
  Cell<const T *> previous_;
  Cell<const void *> owner_;
};

/// How List finds a node's ListLink by default: the node's member function
/// `const ListLink<T>& list_link() const`. For a type that is in several
/// lists, write one such struct per list, with a static `get` returning the
/// matching link, and pass it as List's second argument.
template <typename T> struct MemberListLink {
  /// The link of `node`.
  static constexpr const ListLink<T> &get(const T &node) noexcept {
    return node.list_link();
  }
};

/// An intrusive doubly linked list of `const T` nodes that live forever
/// (static storage; the checker enforces it), like Tock's
/// `kernel::collections::list`. The list stores no nodes, only links to them:
/// pushing and removing never allocates. Every member is `const`, because
/// the list and the links are cells. A node is in at most one list per link:
/// pushing a linked node reports ListNodeAlreadyLinked and is refused.
/// Changing the list while iterating over it never touches freed memory
/// (nodes live forever) but may end the iteration early or skip nodes.
template <typename T, typename LinkOf = MemberListLink<T>>
class LEASH_CELL("list") List {
  class Iterator;

public:
  /// The node type.
  using value_type = T;
  /// A forward iterator yielding `const T&`.
  using const_iterator = Iterator;
  /// Same as const_iterator: nodes are reached through `const` only.
  using iterator = Iterator;

  /// An empty list.
  constexpr List() noexcept = default;

  /// Not copyable: nodes link to this very object.
  List(const List &) = delete;
  List &operator=(const List &) = delete;

  /// Whether the list has no nodes.
  LEASH_ROLE("test_empty")
  [[nodiscard]] constexpr bool is_empty() const noexcept {
    return head_.get() == nullptr;
  }

  /// The first node, or null if the list is empty.
  [[nodiscard]] constexpr const T *head() const noexcept { return head_.get(); }

  /// The last node, or null if the list is empty.
  [[nodiscard]] constexpr const T *tail() const noexcept { return tail_.get(); }

  /// Whether `node` is in this list (constant time).
  [[nodiscard]] constexpr bool contains(const T &node) const noexcept {
    return link(node).owner_.get() == this;
  }

  /// Inserts `node` at the front. Refused if `node` is already linked.
  LEASH_ROLE("link") constexpr void push_head(const T &node) const noexcept {
    if (!claim(node)) {
      return;
    }
    const T *old_head = head_.get();
    link(node).next_.set(old_head);
    if (old_head != nullptr) {
      link(*old_head).previous_.set(&node);
    } else {
      tail_.set(&node);
    }
    head_.set(&node);
  }

  /// Inserts `node` at the back. Refused if `node` is already linked.
  LEASH_ROLE("link") constexpr void push_tail(const T &node) const noexcept {
    if (!claim(node)) {
      return;
    }
    const T *old_tail = tail_.get();
    link(node).previous_.set(old_tail);
    if (old_tail != nullptr) {
      link(*old_tail).next_.set(&node);
    } else {
      head_.set(&node);
    }
    tail_.set(&node);
  }

  /// Removes and returns the first node, or returns null if empty.
  LEASH_ROLE("unlink") constexpr const T *pop_head() const noexcept {
    const T *node = head_.get();
    if (node != nullptr) {
      unlink(*node);
    }
    return node;
  }

  /// Removes and returns the last node, or returns null if empty.
  LEASH_ROLE("unlink") constexpr const T *pop_tail() const noexcept {
    const T *node = tail_.get();
    if (node != nullptr) {
      unlink(*node);
    }
    return node;
  }

  /// Removes `node` if it is in this list; returns whether it was.
  LEASH_ROLE("unlink") constexpr bool remove(const T &node) const noexcept {
    if (!contains(node)) {
      return false;
    }
    unlink(node);
    return true;
  }

  /// An iterator to the first node.
  constexpr Iterator begin() const noexcept { return Iterator(head_.get()); }
  /// The iterator past the last node.
  constexpr Iterator end() const noexcept { return Iterator(nullptr); }

private:
  /// The link of `node` that this list uses.
  static constexpr const ListLink<T> &link(const T &node) noexcept {
    return LinkOf::get(node);
  }

  /// The node after `node`, or null.
  static constexpr const T *next_of(const T &node) noexcept {
    return link(node).next_.get();
  }

  /// Marks `node` as ours, or reports and returns false if already linked.
  constexpr bool claim(const T &node) const noexcept {
    if (link(node).is_linked()) {
      violation_hook(Violation::ListNodeAlreadyLinked,
                     "List node pushed while already in a list");
      return false;
    }
    link(node).owner_.set(this);
    return true;
  }

  /// Unlinks `node`, which is in this list.
  constexpr void unlink(const T &node) const noexcept {
    const ListLink<T> &node_link = link(node);
    const T *next = node_link.next_.get();
    const T *previous = node_link.previous_.get();
    if (previous != nullptr) {
      link(*previous).next_.set(next);
    } else {
      head_.set(next);
    }
    if (next != nullptr) {
      link(*next).previous_.set(previous);
    } else {
      tail_.set(previous);
    }
    node_link.next_.set(nullptr);
    node_link.previous_.set(nullptr);
    node_link.owner_.set(nullptr);
  }

  Cell<const T *> head_;
  Cell<const T *> tail_;
};

/// A forward iterator over a List's nodes, yielding `const T&`.
template <typename T, typename LinkOf> class List<T, LinkOf>::Iterator {
public:
  /// The node type.
  using value_type = T;
  /// The distance type.
  using difference_type = std::ptrdiff_t;
  /// The iterator category.
  using iterator_category = std::forward_iterator_tag;

  /// A singular iterator (equal to `end()`).
  constexpr Iterator() noexcept = default;

  /// The current node.
  constexpr const T &operator*() const noexcept { return *node_; }

  /// Advances to the next node.
  constexpr Iterator &operator++() noexcept {
    node_ = List::next_of(*node_);
    return *this;
  }

  /// Advances to the next node, returning the previous position.
  constexpr Iterator operator++(int) noexcept {
    Iterator previous = *this;
    ++*this;
    return previous;
  }

  /// Whether both iterators are at the same node.
  friend constexpr bool operator==(const Iterator &,
                                   const Iterator &) noexcept = default;

private:
  friend class List;
  constexpr explicit Iterator(const T *node) noexcept : node_(node) {}

  const T *node_ = nullptr;
};

} // namespace leash

#endif // LEASH_LIST_H
