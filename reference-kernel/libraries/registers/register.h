/// ReadOnly, WriteOnly, ReadWrite, Aliased: typed memory-mapped registers.
#ifndef LIBRARIES_REGISTERS_REGISTER_H
#define LIBRARIES_REGISTERS_REGISTER_H

#include "libraries/registers/access.h"
#include "libraries/registers/field.h"
#include "libraries/registers/local_copy.h"

#include <leash/annotations.h>

#include <type_traits>

namespace registers {

/// What the hardware allows on a register.
enum class Permission {
  /// Reads only (a status register): writing does not compile.
  read_only,
  /// Writes only (a clear or trigger register): reading does not compile.
  write_only,
  /// Both.
  read_write,
  /// Reads and writes reach two different registers at one address (such
  /// as a status register that reads the pending events and a clear
  /// register that acknowledges them): both allowed, `modify` is not,
  /// because writing back what was read means something else.
  aliased,
};

/// One register of `T` whose fields are declared by `Bits`, as a member of a
/// register block struct (tock-registers' `ReadOnly`, `WriteOnly`,
/// `ReadWrite` and `Aliased`). The object is the register itself: a block is a
/// struct of these at the hardware's offsets, reached through `block_at`. The
/// operations the permission forbids are removed by constraints, so a write to
/// a read-only register is a compile error, not a comment. Reading is `const`;
/// writing needs a non-const register (drivers hold their block by non-const
/// reference).
template <Permission P, RegisterValue T, typename Bits> class Register {
public:
  /// Whether reads are allowed.
  static constexpr bool readable = P != Permission::write_only;
  /// Whether writes are allowed.
  static constexpr bool writable = P != Permission::read_only;

  /// Trivial, so that a block is an implicit-lifetime type that `block_at`
  /// may find at an address; a host test value-initializes its blocks (`{}`).
  Register() = default;
  /// A register is a place in the address map: neither copied nor moved.
  Register(const Register &) = delete;
  Register &operator=(const Register &) = delete;

  /// Reads the whole register (one access).
  [[nodiscard]] T get() const noexcept
    requires readable
  {
    return Access::load(value_);
  }

  /// Writes the whole register (one access).
  void set(T value) noexcept
    requires writable
  {
    Access::store(value_, value);
  }

  /// Reads the register once and returns the contents of `field`.
  template <typename Value>
  [[nodiscard]] T read(Field<T, Bits, Value> field) const noexcept
    requires readable
  {
    return extract().read(field);
  }

  /// Reads the register once and returns `field` as its enumeration (see
  /// LocalCopy::read_as_enum).
  template <typename Value>
    requires std::is_enum_v<Value>
  [[nodiscard]] Value read_as_enum(Field<T, Bits, Value> field) const noexcept
    requires readable
  {
    return extract().read_as_enum(field);
  }

  /// Reads the register once and returns whether any bit of `field` is set.
  template <typename Value>
  [[nodiscard]] bool is_set(Field<T, Bits, Value> field) const noexcept
    requires readable
  {
    return extract().is_set(field);
  }

  /// Reads the register once and returns whether it holds `expected` in
  /// every field that `expected` covers.
  [[nodiscard]] bool matches_all(FieldValue<T, Bits> expected) const noexcept
    requires readable
  {
    return extract().matches_all(expected);
  }

  /// Reads the register once into a LocalCopy, to examine several fields of
  /// the same value.
  [[nodiscard]] LocalCopy<T, Bits> extract() const noexcept
    requires readable
  {
    return LocalCopy<T, Bits>(get());
  }

  /// Writes `value`; every field it does not cover is written as zero.
  void write(FieldValue<T, Bits> value) noexcept
    requires writable
  {
    set(value.applied_to(0));
  }

  /// Reads, replaces the fields `change` covers, and writes back (two
  /// accesses: not atomic against an interrupt handler that writes the same
  /// register).
  void modify(FieldValue<T, Bits> change) noexcept
    requires(P == Permission::read_write)
  {
    set(change.applied_to(get()));
  }

#if defined(LEASH_REGISTERS_SIMULATED)
  /// Host simulations only: what the register holds, read without going
  /// through the model (the hardware side's view).
  LEASH_UNSAFE("host memory only: a simulated register is an ordinary object")
  [[nodiscard]] T hardware_value() const noexcept { return value_; }

  /// Host simulations only: changes what the register holds without going
  /// through the model, as the hardware does when it sets a status bit.
  LEASH_UNSAFE("host memory only: a simulated register is an ordinary object")
  void set_hardware_value(T value) noexcept { value_ = value; }
#endif

private:
  volatile T value_;
};

/// A register that can only be read.
template <RegisterValue T, typename Bits = NoFields>
using ReadOnly = Register<Permission::read_only, T, Bits>;

/// A register that can only be written.
template <RegisterValue T, typename Bits = NoFields>
using WriteOnly = Register<Permission::write_only, T, Bits>;

/// A register that can be read and written.
template <RegisterValue T, typename Bits = NoFields>
using ReadWrite = Register<Permission::read_write, T, Bits>;

/// A read register and a write register at one address, with the same
/// fields (tock-registers' `Aliased`, for the common case of equal layouts).
template <RegisterValue T, typename Bits = NoFields>
using Aliased = Register<Permission::aliased, T, Bits>;

} // namespace registers

#endif // LIBRARIES_REGISTERS_REGISTER_H
