/// The system calls, as an app makes them (TRD104 on Cortex-M: the class in
/// the `svc` immediate, arguments in r0..r3, the result's variant and values
/// back in r0..r3).
#ifndef APPS_LIBUSER_SYSCALLS_H
#define APPS_LIBUSER_SYSCALLS_H

#include <leash/annotations.h>

#include <cstdint>

namespace user {

/// What a system call returned: TRD104's variant (r0) and up to three
/// values (r1..r3).
struct SyscallResult {
  /// The variant: below 128 a failure, from 128 a success.
  std::uint32_t variant = 0;
  /// r1..r3; for a failure, r1 is the error code.
  std::uint32_t values[3] = {};

  /// Whether it succeeded.
  [[nodiscard]] bool ok() const { return variant >= 128; }
  /// The error code of a failure (0 for a success).
  [[nodiscard]] std::uint32_t error() const { return ok() ? 0 : values[0]; }
};

/// TRD104's error codes that apps test for.
namespace error {
inline constexpr std::uint32_t busy = 2;
inline constexpr std::uint32_t invalid = 6;
inline constexpr std::uint32_t size = 7;
inline constexpr std::uint32_t no_memory = 9;
inline constexpr std::uint32_t no_support = 10;
inline constexpr std::uint32_t no_device = 11;
} // namespace error

/// An upcall's function: r0..r2 from the driver, r3 the user data given at
/// subscribe.
using UpcallFunction = void (*)(std::uint32_t, std::uint32_t, std::uint32_t,
                                void *);

/// `svc Class` with r0..r3.
template <unsigned Class>
LEASH_UNSAFE("inline assembly: the system call instruction; the kernel "
             "reads and writes only r0..r3 and the memory the call names")
inline SyscallResult syscall(std::uint32_t a0, std::uint32_t a1,
                             std::uint32_t a2, std::uint32_t a3) {
  register std::uint32_t r0 asm("r0") = a0;
  register std::uint32_t r1 asm("r1") = a1;
  register std::uint32_t r2 asm("r2") = a2;
  register std::uint32_t r3 asm("r3") = a3;
  asm volatile("svc %[number]"
               : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
               : [number] "i"(Class)
               : "memory");
  return {r0, {r1, r2, r3}};
}

/// Sleeps until an upcall is due, and runs it (yield-wait). The upcall runs
/// as a call from inside this function: every caller-saved register and lr
/// may change.
LEASH_UNSAFE("inline assembly: yield-wait; an upcall may run inside it")
inline void yield_wait() {
  register std::uint32_t r0 asm("r0") = 1;
  asm volatile("svc 0"
               : "+r"(r0)
               :
               : "r1", "r2", "r3", "r12", "lr", "memory", "cc");
}

/// Runs one due upcall if there is one, without waiting; whether one ran.
LEASH_UNSAFE("inline assembly: yield-no-wait; the kernel writes the flag")
inline bool yield_no_wait() {
  volatile std::uint8_t ran = 0;
  register std::uint32_t r0 asm("r0") = 0;
  register volatile std::uint8_t *r1 asm("r1") = &ran;
  asm volatile("svc 0"
               : "+r"(r0), "+r"(r1)
               :
               : "r2", "r3", "r12", "lr", "memory", "cc");
  return ran != 0;
}

/// Subscribes `function` (null: none) with `user_data` to upcall `number`
/// of `driver`.
LEASH_UNSAFE("function and data addresses are passed as the ABI wants them")
inline SyscallResult subscribe(std::uint32_t driver, std::uint32_t number,
                               UpcallFunction function, void *user_data) {
  return syscall<1>(driver, number, reinterpret_cast<std::uint32_t>(function),
                    reinterpret_cast<std::uint32_t>(user_data));
}

/// Command `number` of `driver`.
inline SyscallResult command(std::uint32_t driver, std::uint32_t number,
                             std::uint32_t argument1, std::uint32_t argument2) {
  return syscall<2>(driver, number, argument1, argument2);
}

/// Shares `length` bytes at `buffer` with `driver` (allow `number`),
/// read-write.
LEASH_UNSAFE("the buffer's address is passed as the ABI wants it")
inline SyscallResult allow_read_write(std::uint32_t driver,
                                      std::uint32_t number, void *buffer,
                                      std::uint32_t length) {
  return syscall<3>(driver, number, reinterpret_cast<std::uint32_t>(buffer),
                    length);
}

/// Shares `length` bytes at `buffer` with `driver`, read-only.
LEASH_UNSAFE("the buffer's address is passed as the ABI wants it")
inline SyscallResult allow_read_only(std::uint32_t driver, std::uint32_t number,
                                     const void *buffer, std::uint32_t length) {
  return syscall<4>(driver, number, reinterpret_cast<std::uint32_t>(buffer),
                    length);
}

/// Memory operation `operation` with `argument`.
inline SyscallResult memop(std::uint32_t operation, std::uint32_t argument) {
  return syscall<5>(operation, argument, 0, 0);
}

/// Ends the app with `code` (TRD104 exit-terminate).
[[noreturn]] inline void exit(std::uint32_t code) {
  while (true) {
    syscall<6>(0, code, 0, 0);
  }
}

} // namespace user

#endif // APPS_LIBUSER_SYSCALLS_H
