// RUN: %check-rule %s leash-lease-dropped
// The split-phase transmit of the discipline's worked example: every path
// hands the lease on or back. Dropping it on an error path, or letting a
// completion callback's lease go out of scope, loses the buffer for good.
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

struct TransmitClient {
  virtual void transmitted(Bytes buffer, std::size_t length) const = 0;
};

class LEASH_COMPONENT Uart {
public:
  /// Refuses by handing the lease back.
  [[nodiscard]] Bytes transmit(Bytes buffer, std::size_t length) const {
    if (busy_.is_some() || length > buffer.size())
      return buffer;
    in_flight_.put(std::move(buffer));
    return Bytes();
  }
  void handle_interrupt() const {
    Bytes buffer = in_flight_.take();
    if (buffer.is_empty())
      return;
    client_->transmitted(std::move(buffer), 1);
  }

private:
  const TransmitClient *client_ = nullptr;
  leash::TakeCell<Bytes> busy_;
  LEASH_IN_FLIGHT leash::TakeCell<Bytes> in_flight_;
};

class LEASH_COMPONENT Console : public TransmitClient {
public:
  explicit Console(const Uart &uart, Bytes buffer)
      : uart_(uart), idle_(std::move(buffer)) {}

  // The correct pattern: not reported.
  void send(std::size_t length) const {
    Bytes buffer = idle_.take();
    if (buffer.is_empty())
      return;
    Bytes refused = uart_.transmit(std::move(buffer), length);
    if (!refused.is_empty()) {
      idle_.put(std::move(refused));
      return;
    }
  }
  void transmitted(Bytes buffer, std::size_t) const override {
    idle_.put(std::move(buffer));
  }

  // The error path returns without putting the lease back.
  void send_forgetting(std::size_t length, bool ready) const {
    Bytes buffer = idle_.take();
    if (buffer.is_empty())
      return;
    if (!ready)
      return;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lease 'buffer' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
    // CHECK-MESSAGES: :[[@LINE-6]]:11: note: lease 'buffer' got its buffer here
    // CHECK-MESSAGES: :[[@LINE-4]]:9: note: on the path where this condition is true
    Bytes refused = uart_.transmit(std::move(buffer), length);
    if (!refused.is_empty())
      idle_.put(std::move(refused));
  }

  // The refusal is ignored: the lease it hands back is lost.
  void send_ignoring_refusal(std::size_t length) const {
    Bytes buffer = idle_.take();
    if (buffer.is_empty())
      return;
    Bytes refused = uart_.transmit(std::move(buffer), length);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'refused' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'refused' got its buffer here

  // Discarded results: of take(), and of a refusing driver call.
  void discard(std::size_t length) const {
    static_cast<void>(idle_.take());
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: lease returned by 'take' is discarded; the buffer is lost for good (keep it, put it back or move it on) [leash-lease-dropped]
    (void)uart_.transmit(idle_.take(), length);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lease returned by 'transmit' is discarded; the buffer is lost for good (keep it, put it back or move it on) [leash-lease-dropped]
  }

private:
  const Uart &uart_;
  leash::TakeCell<Bytes> idle_;
};

/// A completion callback that receives the lease and lets it go.
class LEASH_COMPONENT Forgetful : public TransmitClient {
public:
  void transmitted(Bytes buffer, std::size_t length) const override {
    if (length == 0)
      idle_.put(std::move(buffer));
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease 'buffer' still owns its buffer when the function ends; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: lease 'buffer' got its buffer here
  // CHECK-MESSAGES: :[[@LINE-5]]:9: note: on the path where this condition is false

private:
  leash::TakeCell<Bytes> idle_;
};
