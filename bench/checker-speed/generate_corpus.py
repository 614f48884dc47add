#!/usr/bin/env python3
"""Writes a corpus of kernel-like C++ translation units and their
compile_commands.json, for the checker's speed benchmark.

usage: generate_corpus.py OUTDIR --units N --vocabulary INCLUDE_DIR

Each unit includes the vocabulary and a few freestanding standard headers,
and defines a driver-like component (cells, a TakeCell of a lease, a
register block behind LEASH_UNSAFE code), a template, lambdas and a
split-phase transmit path: the shapes the rules look at, in the proportions
of the reference kernel. The output is deterministic.
"""
import argparse
import json
import os
import shlex

UNIT = r'''// Generated unit {index}: a kernel-like driver and its client.
#include <leash/leash.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace corpus_{index} {{

struct Registers {{
  volatile std::uint32_t data;
  volatile std::uint32_t state;
  volatile std::uint32_t control;
}};

LEASH_UNSAFE_API inline Registers &registers_at(std::uintptr_t base) {{
  return *reinterpret_cast<Registers *>(base);
}}

enum class State : std::uint8_t {{ Idle, Transmitting, Receiving }};

template <typename T, std::size_t N> class Ring {{
public:
  bool push(T value) const {{
    if (count_.get() == N)
      return false;
    std::array<T, N> items = items_.get();
    items[(head_.get() + count_.get()) % N] = value;
    items_.set(items);
    leash::increment(count_);
    return true;
  }}
  std::optional<T> pop() const {{
    if (count_.get() == 0)
      return std::nullopt;
    std::array<T, N> items = items_.get();
    T value = items[head_.get()];
    head_.set((head_.get() + 1) % N);
    leash::decrement(count_);
    return value;
  }}

private:
  leash::Cell<std::array<T, N>> items_;
  leash::Cell<std::size_t> head_;
  leash::Cell<std::size_t> count_;
}};

class Client {{
public:
  virtual void transmitted(leash::Lease<std::uint8_t> buffer,
                           std::size_t length) const = 0;

protected:
  ~Client() = default;
}};

class LEASH_COMPONENT Driver{index} {{
public:
  explicit Driver{index}(Registers &registers) : registers_(registers) {{}}

  void set_client(const Client &client) const {{ client_.set(&client); }}

  std::optional<leash::Lease<std::uint8_t>>
  transmit(leash::Lease<std::uint8_t> buffer, std::size_t length) const {{
    if (state_.get() != State::Idle || length > buffer.size())
      return std::optional<leash::Lease<std::uint8_t>>(std::move(buffer));
    buffer.slice(0, length);
    write_control(1u << {bit});
    state_.set(State::Transmitting);
    in_transfer_.put(std::move(buffer));
    return std::nullopt;
  }}

  void handle_interrupt() const {{
    if (state_.get() != State::Transmitting)
      return;
    state_.set(State::Idle);
    leash::Lease<std::uint8_t> done = in_transfer_.take();
    std::size_t length = done.size();
    done.reset();
    if (auto *client = client_.get())
      client->transmitted(std::move(done), length);
    else
      spare_.put(std::move(done));
  }}

  std::uint32_t checksum() const {{
    return spare_.map_or(std::uint32_t{{0}},
                         [](const leash::Lease<std::uint8_t> &buffer) {{
                           std::uint32_t sum = 0;
                           for (std::uint8_t byte : buffer)
                             sum = sum * 31u + byte;
                           return sum;
                         }});
  }}

  bool queue(std::uint8_t byte) const {{ return pending_.push(byte); }}

private:
  LEASH_UNSAFE("the control register belongs to this driver alone")
  void write_control(std::uint32_t value) const {{
    registers_.control = value;
  }}

  Registers &registers_;
  leash::Cell<State> state_{{State::Idle}};
  leash::OptionalCell<std::uint32_t> last_error_;
  leash::Cell<const Client *> client_{{nullptr}};
  leash::TakeCell<leash::Lease<std::uint8_t>> in_transfer_;
  leash::TakeCell<leash::Lease<std::uint8_t>> spare_;
  Ring<std::uint8_t, {ring}> pending_;
}};

class LEASH_COMPONENT Console{index} final : public Client {{
public:
  explicit Console{index}(const Driver{index} &driver) : driver_(driver) {{}}

  void transmitted(leash::Lease<std::uint8_t> buffer,
                   std::size_t length) const override {{
    sent_.set(sent_.get() + length);
    idle_.put(std::move(buffer));
  }}

  bool write(std::size_t length) const {{
    leash::Lease<std::uint8_t> buffer = idle_.take();
    if (buffer.is_empty())
      return false;
    if (auto refused = driver_.transmit(std::move(buffer), length)) {{
      idle_.put(std::move(*refused));
      return false;
    }}
    return true;
  }}

private:
  const Driver{index} &driver_;
  leash::Cell<std::size_t> sent_;
  leash::TakeCell<leash::Lease<std::uint8_t>> idle_;
}};

}} // namespace corpus_{index}
'''


# The worst function's skeleton: the places, a loop around the branches, and
# the clean-up that hands every lease back.
WORST = r'''std::size_t worst(int steps, leash::Lease<std::uint8_t> *pool) {{
  std::size_t total = 0;
{declarations}
  for (int step = 0; step < steps; ++step) {{
{body}
  }}
{cleanup}
  return total;
}}'''


STRESS = r'''// Generated stress unit: one function with {leases} leases and branches
// {depth} deep inside a loop, the worst case for the lease dataflow.
#include <leash/leash.h>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace stress {{

std::size_t consume(leash::Lease<std::uint8_t> buffer);
bool ready(int step);

{worst}

}} // namespace stress
'''


def stress_unit(leases, depth):
    declarations = "\n".join(
        "  leash::Lease<std::uint8_t> l{0} = std::move(pool[{0}]);".format(i)
        for i in range(leases))
    lines = []
    for level in range(depth):
        indent = "    " + "  " * level
        lease = level % leases
        lines.append(indent + "if (ready(step + {0})) {{".format(level))
        lines.append(indent + "  if (!l{0}.is_empty())".format(lease))
        lines.append(indent + "    total += consume(std::move(l{0}));".format(lease))
        lines.append(indent + "  l{0} = std::move(pool[{0}]);".format(lease))
    for level in reversed(range(depth)):
        indent = "    " + "  " * level
        lines.append(indent + "} else {")
        lines.append(indent + "  switch (step % 3) {")
        lines.append(indent + "  case 0: total += l{0}.size(); break;".format(level % leases))
        lines.append(indent + "  case 1: pool[{0}] = std::move(l{0}); l{0} = std::move(pool[{0}]); break;".format(level % leases))
        lines.append(indent + "  default: break;")
        lines.append(indent + "  }")
        lines.append(indent + "}")
    cleanup = "\n".join(
        "  pool[{0}] = std::move(l{0});".format(i) for i in range(leases))
    return STRESS.format(leases=leases, depth=depth, worst=WORST.format(
        declarations=declarations, body="\n".join(lines), cleanup=cleanup))


MIXED = r"""// Generated stress unit: one function whose {leases} leases are held in
// struct fields and std::optional wrappers, lent to a callee by reference
// and tested through bool flags, with branches {depth} deep inside a loop.
#include <leash/leash.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace stress {{

using Bytes = leash::Lease<std::uint8_t>;

struct Request {{
  Bytes payload;
  std::size_t length = 0;
}};

std::size_t consume(Bytes buffer);
bool ready(int step);
leash::MapCell<Bytes> spare;

void lend(Bytes &buffer, int step) {{
  if (ready(step))
    static_cast<void>(consume(std::move(buffer)));
}}

{worst}

}} // namespace stress
"""


def mixed_unit(leases, depth):
    """Even places are struct fields (rK.payload), odd ones wrappers (sK)."""
    def place(index):
        return ("r{0}.payload" if index % 2 == 0 else "(*s{0})").format(index)
    declarations = []
    for i in range(leases):
        if i % 2 == 0:
            declarations.append(
                "  Request r{0}{{std::move(pool[{0}]), {0}}};".format(i))
        else:
            declarations.append("  std::optional<Bytes> s{0} = spare.take();".format(i))
            declarations.append(
                "  if (!s{0}) s{0}.emplace(std::move(pool[{0}]));".format(i))
    lines = []
    for level in range(depth):
        indent = "    " + "  " * level
        lease = level % leases
        lines.append(indent + "if (ready(step + {0})) {{".format(level))
        lines.append(indent + "  const bool empty{0} = {1}.is_empty();".format(level, place(lease)))
        lines.append(indent + "  if (!empty{0})".format(level))
        lines.append(indent + "    lend({0}, step);".format(place(lease)))
        lines.append(indent + "  if ({0}.is_empty())".format(place(lease)))
        lines.append(indent + "    {0} = std::move(pool[{1}]);".format(place(lease), lease))
    for level in reversed(range(depth)):
        indent = "    " + "  " * level
        lines.append(indent + "} else {")
        lines.append(indent + "  switch (step % 3) {")
        lines.append(indent + "  case 0: total += {0}.size(); break;".format(place(level % leases)))
        lines.append(indent + "  case 1: pool[{1}] = std::move({0}); {0} = std::move(pool[{1}]); break;".format(place(level % leases), level % leases))
        lines.append(indent + "  default: break;")
        lines.append(indent + "  }")
        lines.append(indent + "}")
    cleanup = "\n".join(
        "  pool[{1}] = std::move({0});".format(place(i), i) for i in range(leases))
    return MIXED.format(leases=leases, depth=depth, worst=WORST.format(
        declarations="\n".join(declarations), body="\n".join(lines),
        cleanup=cleanup))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--vocabulary", required=True)
    parser.add_argument("--stress", choices=("leases", "mixed"),
                        help="write one stress unit instead of the corpus: "
                        "many lease variables with deep branching, or the "
                        "same with leases in structs and wrappers, lent by "
                        "reference and tested through flags")
    args = parser.parse_args()
    outdir = os.path.abspath(args.outdir)
    os.makedirs(outdir, exist_ok=True)
    entries = []
    stress = {"leases": stress_unit, "mixed": mixed_unit}
    units = [("stress.cpp", stress[args.stress](leases=64, depth=64))] if args.stress else [
        ("unit_%03d.cpp" % index,
         UNIT.format(index=index, bit=index % 31, ring=8 + index % 24))
        for index in range(args.units)]
    for name, text in units:
        source = os.path.join(outdir, name)
        with open(source, "w") as out:
            out.write(text)
        command = ["clang++-16", "-std=c++20", "-ffreestanding", "-fno-exceptions",
                   "-fno-rtti", "-I", os.path.abspath(args.vocabulary), "-c",
                   source, "-o", source + ".o"]
        entries.append({"directory": outdir, "command": shlex.join(command),
                        "file": source})
    with open(os.path.join(outdir, "compile_commands.json"), "w") as out:
        json.dump(entries, out, indent=1)


if __name__ == "__main__":
    main()
