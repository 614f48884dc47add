/// Refusal: what a split-phase request that takes a lease returns.
#ifndef KERNEL_REFUSAL_H
#define KERNEL_REFUSAL_H

#include "kernel/result.h"

#include <leash/annotations.h>

#include <utility>

namespace kernel {

/// The answer to a request that takes a lease (Tock's
/// `Result<(), (ErrorCode, &'static mut [u8])>`): empty when the request was
/// accepted, and the lease travels with it until the callback hands it
/// back; or, when the request was refused, the same lease handed straight
/// back together with the reason. A refusal has no callback, so a caller
/// that drops one loses its buffer for good: the type is `[[nodiscard]]`,
/// the lease inside panics if destroyed while it owns its buffer, and
/// leash's `leash-lease-dropped` rule finds the path that loses it.
///
/// It reads like `std::optional` (the checker tracks it as a wrapper of its
/// lease, and knows its members by their LEASH_ROLE): `if (refusal)` or
/// `has_value()` asks whether the request was refused, `error()` says why,
/// and `std::move(refusal).value()` takes the lease back.
template <typename LeaseType> class [[nodiscard]] Refusal {
public:
  /// The request was accepted: its callback will hand the lease back.
  [[nodiscard]] static Refusal accepted() { return Refusal(); }

  /// The request was refused because of `error`; `lease` is the buffer the
  /// request brought, handed back unchanged.
  [[nodiscard]] static Refusal refused(ErrorCode error, LeaseType lease) {
    return Refusal(error, std::move(lease));
  }

  /// Whether the request was refused.
  LEASH_ROLE("test_full") [[nodiscard]] bool has_value() const {
    return refused_;
  }
  /// Whether the request was refused.
  LEASH_ROLE("test_full") [[nodiscard]] explicit operator bool() const {
    return refused_;
  }

  /// Why the request was refused; meaningless when it was accepted.
  [[nodiscard]] ErrorCode error() const { return error_; }

  /// The lease handed back by a refusal (empty when the request was
  /// accepted).
  LEASH_ROLE("unwrap") [[nodiscard]] LeaseType &value() & { return lease_; }
  /// The lease handed back by a refusal, moved out.
  LEASH_ROLE("unwrap") [[nodiscard]] LeaseType &&value() && {
    return std::move(lease_);
  }

private:
  Refusal() = default;
  Refusal(ErrorCode error, LeaseType lease)
      : lease_(std::move(lease)), error_(error), refused_(true) {}

  /// The lease handed back; empty when accepted.
  LeaseType lease_;
  /// Why the request was refused.
  ErrorCode error_ = ErrorCode::fail;
  /// Whether it was.
  bool refused_ = false;
};

} // namespace kernel

#endif // KERNEL_REFUSAL_H
