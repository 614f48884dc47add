/// The panic hook: how the vocabulary reports a broken rule at run time.
#ifndef LEASH_VIOLATION_H
#define LEASH_VIOLATION_H

#include <cstdint>

/// 1 to check at run time that no lease is destroyed or overwritten while it
/// still owns its buffer; 0 to make `Lease`'s destructor trivial. Defaults to
/// 1 unless NDEBUG is defined. Define it before including any leash header.
#ifndef LEASH_DEBUG_CHECKS
#ifdef NDEBUG
#define LEASH_DEBUG_CHECKS 0
#else
#define LEASH_DEBUG_CHECKS 1
#endif
#endif

namespace leash {

/// Whether the debug-only checks (see LEASH_DEBUG_CHECKS) are compiled in.
inline constexpr bool debug_checks = LEASH_DEBUG_CHECKS != 0;

/// The kinds of misuse that the vocabulary detects at run time.
enum class Violation : std::uint8_t {
  /// A lease was destroyed or overwritten while it still owned its buffer:
  /// the buffer is lost for good. Checked only when LEASH_DEBUG_CHECKS is 1.
  LeaseDroppedWhileFull,
  /// A lease was indexed outside its window, or while empty.
  LeaseIndexOutOfRange,
  /// A MapCell was accessed (map, take, put, replace) from inside its own
  /// `map`: the access is refused.
  MapCellReentered,
  /// A TakeCell was refilled (put, replace) from inside its own `map`: map
  /// keeps the new value instead of overwriting it with the one it lent out.
  TakeCellRefilledDuringMap,
  /// A node was pushed into a List while it was already linked into a list:
  /// the push is refused.
  ListNodeAlreadyLinked,
};

/// A short, stable name for a violation kind, e.g. "MapCellReentered".
constexpr const char *violation_name(Violation kind) noexcept {
  switch (kind) {
  case Violation::LeaseDroppedWhileFull:
    return "LeaseDroppedWhileFull";
  case Violation::LeaseIndexOutOfRange:
    return "LeaseIndexOutOfRange";
  case Violation::MapCellReentered:
    return "MapCellReentered";
  case Violation::TakeCellRefilledDuringMap:
    return "TakeCellRefilledDuringMap";
  case Violation::ListNodeAlreadyLinked:
    return "ListNodeAlreadyLinked";
  }
  return "Unknown";
}

/// Called by the vocabulary when it detects misuse. Declared here and defined
/// by the user, once per program, like Rust's `#[panic_handler]`: a kernel
/// defines it to panic, host tests define it to record. It may return; the
/// vocabulary then refuses the operation that was misused (the documentation
/// of each operation says what refusing means), so the program stays in a
/// defined state. `message` is a static string describing the misuse.
void violation_hook(Violation kind, const char *message) noexcept;

} // namespace leash

#endif // LEASH_VIOLATION_H
