/// Runtime functions a -nostdlib C++ image needs: memcpy, memset, atexit...
#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

// The compiler emits calls to memcpy and memset for copies and clears of large
// objects, the reset handler uses them, and libstdc++'s headers call strlen,
// so they exist even though nothing of the C library is linked. This file is
// compiled with -fno-tree-loop-distribute-patterns: otherwise GCC recognises
// the loops below as memcpy and memset and turns them into calls to themselves.
// They are `used`: with link-time optimisation, the calls the code generator
// emits for copies come after the optimiser has decided what is unused.

namespace {

/// A word that may alias any object, as the bytes the functions below copy
/// and fill may belong to objects of any type.
using AliasingWord [[gnu::may_alias]] = std::uint32_t;

} // namespace

extern "C" {

/// Copies `size` bytes from `source` to `destination`; the ranges must not
/// overlap (the C library's contract).
LEASH_UNSAFE("the C library's contract: the caller passes two valid, "
             "non-overlapping ranges of `size` bytes")
[[gnu::used]] void *memcpy(void *destination, const void *source,
                           std::size_t size) {
  auto *to = static_cast<unsigned char *>(destination);
  const auto *from = static_cast<const unsigned char *>(source);
  std::size_t index = 0;
  // Word by word while both are word-aligned (exception frames, register
  // copies): four times fewer loads and stores than byte by byte.
  if (((reinterpret_cast<std::uintptr_t>(to) |
        reinterpret_cast<std::uintptr_t>(from)) &
       3U) == 0) {
    auto *to_words = static_cast<AliasingWord *>(destination);
    const auto *from_words = static_cast<const AliasingWord *>(source);
    for (; index + 4 <= size; index += 4) {
      to_words[index / 4] = from_words[index / 4];
    }
  }
  for (; index < size; ++index) {
    to[index] = from[index];
  }
  return destination;
}

/// Copies `size` bytes from `source` to `destination`, which may overlap
/// (std::copy and the sorting algorithms call it for trivially copyable
/// elements).
LEASH_UNSAFE("the C library's contract: the caller passes two valid ranges "
             "of `size` bytes")
[[gnu::used]] void *memmove(void *destination, const void *source,
                            std::size_t size) {
  auto *to = static_cast<unsigned char *>(destination);
  const auto *from = static_cast<const unsigned char *>(source);
  if (to < from) {
    for (std::size_t index = 0; index < size; ++index) {
      to[index] = from[index];
    }
  } else {
    for (std::size_t index = size; index > 0; --index) {
      to[index - 1] = from[index - 1];
    }
  }
  return destination;
}

/// The first of `size` bytes at `bytes` equal to `value`, or null
/// (std::string_view::find calls it).
LEASH_UNSAFE("the C library's contract: the caller passes a valid range of "
             "`size` bytes; the result points into it")
[[gnu::used]] void *memchr(const void *bytes, int value, std::size_t size) {
  const auto *at = static_cast<const unsigned char *>(bytes);
  for (std::size_t index = 0; index < size; ++index) {
    if (at[index] == static_cast<unsigned char>(value)) {
      return const_cast<unsigned char *>(at + index);
    }
  }
  return nullptr;
}

/// Fills `size` bytes at `destination` with `value` (converted to a byte).
LEASH_UNSAFE("the C library's contract: the caller passes a valid range of "
             "`size` bytes")
[[gnu::used]] void *memset(void *destination, int value, std::size_t size) {
  auto *to = static_cast<unsigned char *>(destination);
  const auto byte = static_cast<unsigned char>(value);
  std::size_t index = 0;
  // Bytes up to a word boundary, then word by word (the clears of
  // structures, tables and grants): four times fewer stores than byte by
  // byte, which cost a process's alarm 360 instructions to clear 96 bytes.
  for (;
       index < size && (reinterpret_cast<std::uintptr_t>(to + index) & 3U) != 0;
       ++index) {
    to[index] = byte;
  }
  auto *to_words = reinterpret_cast<AliasingWord *>(to + index);
  const std::uint32_t word = byte * 0x01010101U;
  for (std::size_t count = (size - index) / 4; count > 0; --count) {
    *to_words++ = word;
    index += 4;
  }
  for (; index < size; ++index) {
    to[index] = byte;
  }
  return destination;
}

/// Compares `size` bytes of `left` and `right`: negative, zero or positive
/// as `left` sorts before, equal to or after `right` (std::string_view's
/// comparisons call it).
LEASH_UNSAFE("the C library's contract: the caller passes two valid ranges "
             "of `size` bytes")
[[gnu::used]] int memcmp(const void *left, const void *right,
                         std::size_t size) {
  const auto *first = static_cast<const unsigned char *>(left);
  const auto *second = static_cast<const unsigned char *>(right);
  for (std::size_t index = 0; index < size; ++index) {
    if (first[index] != second[index]) {
      return first[index] < second[index] ? -1 : 1;
    }
  }
  return 0;
}

/// Registers a function to run at exit. The compiler calls it for every
/// static-local object with a destructor (with -fno-use-cxa-atexit). The
/// kernel never exits through destructors: a run ends through semihosting,
/// and components live forever. So it records nothing and reports success.
int atexit(void (*)()) { return 0; }

/// The length of the NUL-terminated string `text`; std::string_view calls it
/// when it is made from a C string whose length the compiler cannot fold.
LEASH_UNSAFE("the C library's contract: the caller passes a NUL-terminated "
             "string")
[[gnu::used]] std::size_t strlen(const char *text) {
  std::size_t length = 0;
  while (text[length] != '\0') {
    ++length;
  }
  return length;
}

/// Called if a pure virtual function is ever called (only possible during
/// construction or destruction): a bug, so it traps into the fault handler.
void __cxa_pure_virtual() { __builtin_trap(); }
}

/// The kernel never allocates, so nothing is ever deleted; deleting
/// destructors of classes with virtual destructors still name this function.
/// A call is a bug, so it traps into the fault handler.
void operator delete(void *) noexcept { __builtin_trap(); }

/// The sized form of `operator delete`; see above.
void operator delete(void *, std::size_t) noexcept { __builtin_trap(); }

namespace std {
/// What libstdc++ calls when std::string_view::substr is given a start past
/// the end. The kernel has no exceptions: a call is a bug, so it traps into
/// the fault handler, which reports where.
[[noreturn]] void __throw_out_of_range_fmt(const char *, ...) {
  __builtin_trap();
}
} // namespace std
