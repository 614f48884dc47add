/// Console output and input: allow the bytes, subscribe, command, and yield
/// until the driver's upcall says they went (or came).
#include "console.h"

#include "syscalls.h"

#include <leash/cell.h>

namespace user::console {
namespace {

/// Set by the write upcall (see alarm.cpp's `fired`).
leash::Cell<bool> written{false};

/// The write upcall: the bytes are out.
void write_done(std::uint32_t, std::uint32_t, std::uint32_t, void *) {
  written.set(true);
}

} // namespace

bool write(std::string_view text) {
  if (text.empty()) {
    return true;
  }
  if (!allow_read_only(driver, 1, text.data(),
                       static_cast<std::uint32_t>(text.size()))
           .ok() ||
      !subscribe(driver, 1, write_done, nullptr).ok()) {
    return false;
  }
  written.set(false);
  const bool started =
      command(driver, 1, static_cast<std::uint32_t>(text.size()), 0).ok();
  while (started && !written.get()) {
    yield_wait();
  }
  // The buffer is the caller's again.
  allow_read_only(driver, 1, nullptr, 0);
  return started;
}

namespace {

/// Set by the read upcall.
leash::Cell<bool> read_ended{false};
/// The read upcall's status and count.
leash::Cell<ReadResult> read_outcome{};

/// The read upcall: (status, count) of the read that ended.
void read_done(std::uint32_t status, std::uint32_t count, std::uint32_t,
               void *) {
  read_outcome.set({status, count});
  read_ended.set(true);
}

} // namespace

ReadResult read(char *buffer, std::uint32_t length) {
  const SyscallResult allowed = allow_read_write(driver, 1, buffer, length);
  if (!allowed.ok()) {
    return {allowed.error(), 0};
  }
  const SyscallResult subscribed = subscribe(driver, 2, read_done, nullptr);
  if (!subscribed.ok()) {
    allow_read_write(driver, 1, nullptr, 0);
    return {subscribed.error(), 0};
  }
  read_ended.set(false);
  const SyscallResult started = command(driver, 2, length, 0);
  ReadResult result{};
  if (started.ok()) {
    while (!read_ended.get()) {
      yield_wait();
    }
    result = read_outcome.get();
  } else {
    result = {started.error(), 0};
  }
  // The buffer is the caller's again.
  allow_read_write(driver, 1, nullptr, 0);
  return result;
}

bool write_line(std::string_view text) { return (Line() << text).write(); }

namespace {

/// `value` in decimal, into `digits`; the text's start.
std::string_view decimal(std::uint32_t value, char (&digits)[10]) {
  std::size_t first = sizeof digits;
  do {
    digits[--first] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0 && first > 0);
  return std::string_view(digits + first, sizeof digits - first);
}

} // namespace

bool write_number(std::uint32_t value) {
  char digits[10];
  return write(decimal(value, digits));
}

Line &Line::operator<<(std::string_view text) {
  for (const char character : text) {
    if (length_ + 1 < sizeof text_) {
      text_[length_++] = character;
    }
  }
  return *this;
}

Line &Line::operator<<(std::uint32_t value) {
  char digits[10];
  return *this << decimal(value, digits);
}

bool Line::write() {
  text_[length_] = '\n';
  const bool written = console::write(std::string_view(text_, length_ + 1));
  length_ = 0;
  return written;
}

} // namespace user::console
