/// Bounded views of the buffers processes allow to drivers.
#ifndef KERNEL_PROCESS_PROCESS_BUFFER_H
#define KERNEL_PROCESS_PROCESS_BUFFER_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace kernel::process {

/// A buffer a process allowed read-only, as a driver sees it inside
/// `Processes::with_read_only_allow`: bytes by index, checked, and a copy
/// out. It cannot be copied or moved, so it cannot outlive the call (and
/// the allow, which the process may replace as soon as it runs again), as a
/// lease cannot be kept after it is handed on.
class ReadOnlyProcessBuffer {
public:
  /// A view of `bytes`.
  explicit constexpr ReadOnlyProcessBuffer(std::span<const std::uint8_t> bytes)
      : bytes_(bytes) {}
  ReadOnlyProcessBuffer(const ReadOnlyProcessBuffer &) = delete;
  ReadOnlyProcessBuffer &operator=(const ReadOnlyProcessBuffer &) = delete;

  /// Its length.
  [[nodiscard]] constexpr std::size_t size() const { return bytes_.size(); }
  /// Byte `index`, or 0 past the end.
  [[nodiscard]] constexpr std::uint8_t at(std::size_t index) const {
    return index < bytes_.size() ? bytes_[index] : 0;
  }
  /// Copies bytes from `offset` into `out`; how many.
  constexpr std::size_t copy_to(std::size_t offset,
                                std::span<std::uint8_t> out) const {
    if (offset >= bytes_.size()) {
      return 0;
    }
    const std::size_t count = std::min(out.size(), bytes_.size() - offset);
    std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(offset), count,
                out.begin());
    return count;
  }

private:
  /// The process's bytes.
  std::span<const std::uint8_t> bytes_;
};

/// A buffer a process allowed read-write, seen inside
/// `Processes::with_read_write_allow`; like `ReadOnlyProcessBuffer`, and
/// writable.
class ReadWriteProcessBuffer {
public:
  /// A view of `bytes`.
  explicit constexpr ReadWriteProcessBuffer(std::span<std::uint8_t> bytes)
      : bytes_(bytes) {}
  ReadWriteProcessBuffer(const ReadWriteProcessBuffer &) = delete;
  ReadWriteProcessBuffer &operator=(const ReadWriteProcessBuffer &) = delete;

  /// Its length.
  [[nodiscard]] constexpr std::size_t size() const { return bytes_.size(); }
  /// Byte `index`, or 0 past the end.
  [[nodiscard]] constexpr std::uint8_t at(std::size_t index) const {
    return index < bytes_.size() ? bytes_[index] : 0;
  }
  /// Sets byte `index` to `value`, if it exists; whether it did.
  constexpr bool set(std::size_t index, std::uint8_t value) const {
    if (index >= bytes_.size()) {
      return false;
    }
    bytes_[index] = value;
    return true;
  }
  /// Copies `data` in from `offset`; how many bytes fit.
  constexpr std::size_t copy_from(std::size_t offset,
                                  std::span<const std::uint8_t> data) const {
    if (offset >= bytes_.size()) {
      return 0;
    }
    const std::size_t count = std::min(data.size(), bytes_.size() - offset);
    std::copy_n(data.begin(), count,
                bytes_.begin() + static_cast<std::ptrdiff_t>(offset));
    return count;
  }

private:
  /// The process's bytes.
  std::span<std::uint8_t> bytes_;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_PROCESS_BUFFER_H
