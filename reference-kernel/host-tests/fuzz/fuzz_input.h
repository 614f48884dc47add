/// FuzzInput: a fuzzer's input, read front to back.
#ifndef HOST_TESTS_FUZZ_FUZZ_INPUT_H
#define HOST_TESTS_FUZZ_FUZZ_INPUT_H

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace host_tests {

/// The bytes libFuzzer gives, read front to back; past their end every
/// byte is 0, so a short input still decodes into whole steps.
class FuzzInput {
public:
  /// Reads `bytes`.
  explicit FuzzInput(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  /// Whether bytes are left.
  [[nodiscard]] bool more() const { return offset_ < bytes_.size(); }
  /// The next byte.
  std::uint8_t byte() {
    return offset_ < bytes_.size() ? bytes_[offset_++] : std::uint8_t{0};
  }
  /// The next four bytes, little-endian.
  std::uint32_t word() {
    std::uint32_t value = 0;
    for (int shift = 0; shift < 32; shift += 8) {
      value |= static_cast<std::uint32_t>(byte()) << shift;
    }
    return value;
  }
  /// The next `count` bytes.
  std::vector<std::uint8_t> bytes(std::size_t count) {
    std::vector<std::uint8_t> result(count);
    for (std::uint8_t &value : result) {
      value = byte();
    }
    return result;
  }

private:
  /// The input.
  std::span<const std::uint8_t> bytes_;
  /// How much of it was read.
  std::size_t offset_ = 0;
};

} // namespace host_tests

#endif // HOST_TESTS_FUZZ_FUZZ_INPUT_H
