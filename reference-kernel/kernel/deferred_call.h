/// DeferredCall: a software interrupt that the kernel loop services later.
#ifndef KERNEL_DEFERRED_CALL_H
#define KERNEL_DEFERRED_CALL_H

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace kernel {

/// What a deferred call runs: a component that wants to be called back from
/// the kernel loop instead of from deep inside the current call stack.
class LEASH_COMPONENT DeferredCallClient {
public:
  /// The deferred call was set and the kernel loop has got round to it.
  virtual void handle_deferred_call() const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~DeferredCallClient() = default;
};

/// A software interrupt (Tock's `DeferredCall`). A component owns one as a
/// member and registers itself as its client at start-up; `set()` then asks
/// the kernel loop to call the client's `handle_deferred_call()` once, soon,
/// from the loop itself. Use it to call a client back "later" without
/// recursing into it from the request that causes the callback (a driver
/// that completes synchronously, a virtual device, work split into steps).
///
/// Calls live in a fixed table of `capacity` entries: each DeferredCall
/// claims the next entry when it is constructed. Pending calls are bits of
/// one atomic word, so `set()` is safe from anywhere, interrupt handlers
/// included. The loop services the lowest pending entry first.
class DeferredCall {
public:
  /// How many deferred calls a kernel can have.
  static constexpr std::size_t capacity = 32;

  /// Claims the next entry of the table. Construct deferred calls only as
  /// members of components in static storage; a kernel that creates more
  /// than `capacity` stops at `verify_setup`.
  DeferredCall();

  /// Not copyable: the entry belongs to one owner.
  DeferredCall(const DeferredCall &) = delete;
  DeferredCall &operator=(const DeferredCall &) = delete;

  /// Makes `client` the one this call runs. Call once, while wiring.
  void register_client(const DeferredCallClient &client) const;

  /// Asks the kernel loop to run the client once. Setting a call that is
  /// already pending does nothing more: it still runs once.
  void set() const;

  /// Whether the call is set and has not run yet.
  [[nodiscard]] bool is_pending() const;

  /// Whether any deferred call is pending.
  [[nodiscard]] static bool has_pending();

  /// Clears the lowest pending call and runs its client; returns whether
  /// there was one. The client may set its call again.
  static bool service_next_pending();

  /// Whether the table is consistent: at most `capacity` calls were created
  /// and every one has a client. The kernel checks it before its loop starts.
  [[nodiscard]] static bool verify_setup();

private:
  /// This call's entry in the table (`capacity` or more: none).
  const std::uint32_t index_;
};

} // namespace kernel

#endif // KERNEL_DEFERRED_CALL_H
