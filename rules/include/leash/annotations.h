/// The leash annotation macros: what the checker reads, and GCC ignores.
#ifndef LEASH_ANNOTATIONS_H
#define LEASH_ANNOTATIONS_H

// Under Clang every macro becomes a [[clang::annotate("leash.<name>", ...)]]
// attribute that the leash checker reads. Under GCC (the kernel's cross
// compiler) they expand to nothing, because GCC warns on unknown scoped
// attributes and the kernel builds with -Werror. The annotation strings are a
// contract with the checker: do not change them.

/// Concatenates two tokens after expanding them (an implementation detail).
#define LEASH_CONCAT_IMPL_(a, b) a##b
/// Concatenates two tokens after expanding them (an implementation detail).
#define LEASH_CONCAT_(a, b) LEASH_CONCAT_IMPL_(a, b)

#if defined(__clang__)

/// Marks a function whose body is an unsafe context (Rust: a safe function
/// containing `unsafe {}`). Calling it is safe. `why` is a mandatory string
/// literal saying why the unsafe operations inside are sound.
#define LEASH_UNSAFE(why) [[clang::annotate("leash.unsafe", why)]]

/// Marks a function whose call is itself an unsafe operation (Rust: `unsafe
/// fn`), such as a lease's raw-address accessor. Its body is unsafe context.
#define LEASH_UNSAFE_API [[clang::annotate("leash.unsafe_api")]]

/// Implementation of LEASH_UNSAFE_BLOCK with a unique variable name.
#define LEASH_UNSAFE_BLOCK_IMPL_(why, name)                                    \
  if ([[clang::annotate("leash.unsafe_block", why)]] const bool name = true)

/// Marks a component class: its instances live in static storage, are shared
/// by `const` reference, and keep all mutable state in cells.
#define LEASH_COMPONENT [[clang::annotate("leash.component")]]

/// Marks a function that runs in interrupt context (the top half).
#define LEASH_INTERRUPT [[clang::annotate("leash.interrupt")]]

/// Marks a data member that holds leases while the hardware owns the memory:
/// the CPU may put a lease in or take it out, never look inside.
#define LEASH_IN_FLIGHT [[clang::annotate("leash.in_flight")]]

/// Marks a type as a cell of the given kind, a string literal: "cell",
/// "optional", "take", "map" or "list". Cells are the only way to mutate
/// state reached through a `const` reference.
#define LEASH_CELL(kind) [[clang::annotate("leash.cell", kind)]]

/// Marks an owning, move-only handle to a buffer in static storage that may
/// be given to hardware (the lease rules apply to it).
#define LEASH_LEASE [[clang::annotate("leash.lease")]]

/// Marks a type whose objects must have static storage duration.
#define LEASH_STATIC_ONLY [[clang::annotate("leash.static_only")]]

/// Marks a member function of a cell, a lease, a list or a wrapper of a
/// lease with what it does to what the object holds, so that the checker
/// knows the member by its role, whatever its name. `role` is a string
/// literal: "take", "put", "replace", "lend", "get", "clear", "swap",
/// "test_empty", "test_full", "unwrap", "link" or "unlink" (rules/vocabulary.md
/// says what each means). Put it first in the declaration, after any
/// template header and requires-clause.
#define LEASH_ROLE(role) [[clang::annotate("leash.role", role)]]

#else

/// Under GCC (and any other compiler) every macro above expands to nothing,
/// and the block marker to a plain always-true `if`.

#define LEASH_UNSAFE(why)
#define LEASH_UNSAFE_API
// GCC counts a condition variable as unused; [[gnu::unused]] says it is
// meant so, and GCC knows the attribute in every standard from C++11 on.
#define LEASH_UNSAFE_BLOCK_IMPL_(why, name)                                    \
  if ([[gnu::unused]] const bool name = true)
#define LEASH_COMPONENT
#define LEASH_INTERRUPT
#define LEASH_IN_FLIGHT
#define LEASH_CELL(kind)
#define LEASH_LEASE
#define LEASH_STATIC_ONLY
#define LEASH_ROLE(role)

#endif

/// Marks the block that follows as an unsafe context (Rust: `unsafe {}`);
/// `why` is a mandatory string literal. Use it as a statement prefix:
/// `LEASH_UNSAFE_BLOCK("why") { statements }`. It is an `if` whose
/// condition declares an annotated, always-true `const bool` (Clang 16
/// rejects attributes on statements; a condition declaration is valid C++
/// from C++11 on, so code that is not C++20 can be annotated without
/// warnings), so `break`, `continue` and `return` inside the block behave as
/// in a plain block. Do not follow the block with `else`.
#define LEASH_UNSAFE_BLOCK(why)                                                \
  LEASH_UNSAFE_BLOCK_IMPL_(why, LEASH_CONCAT_(leash_unsafe_block_, __COUNTER__))

#endif // LEASH_ANNOTATIONS_H
