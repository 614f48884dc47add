// RUN: %check-rule %s leash-unsafe-in-capsule
// A capsule written to the discipline: leases, cells, arrays, volatile
// objects by name, static_cast, unions read as written, placement into a
// named array. Nothing to report.
#include <leash/leash.h>

#include <cstddef>
#include <cstdint>
#include <new>

namespace {

leash::TakeCell<leash::Lease<std::uint8_t>> transmit_buffer;
leash::Cell<std::uint32_t> sent;
volatile bool stop_requested = false;

struct Message {
  std::uint8_t length;
};

alignas(Message) unsigned char message_storage[sizeof(Message)];

} // namespace

std::size_t fill(const std::uint8_t (&text)[4]) {
  return transmit_buffer.map_or(
      std::size_t{0}, [&text](leash::Lease<std::uint8_t> &buffer) {
        for (std::size_t index = 0; index < buffer.size() && index < 4;
             ++index) {
          buffer[index] = text[index];
        }
        return buffer.size();
      });
}

union Sample {
  std::uint16_t raw;
  std::int16_t value;
};

std::int16_t convert(void *context, std::uintptr_t address, std::uint16_t raw) {
  const Message *message = static_cast<const Message *>(context);
  std::uintptr_t next_address = address + message->length;
  Sample sample;
  sample.raw = raw;
  sample.value = static_cast<std::int16_t>(sample.raw + next_address);
  return sample.value;
}

void count() {
  sent.set(sent.get() + 1);
  Message *message = new (message_storage) Message{4};
  if (!stop_requested && message->length == 4) {
    stop_requested = true;
  }
}
