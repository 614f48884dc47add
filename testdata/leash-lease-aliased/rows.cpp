// RUN: %check-rule %s leash-lease-aliased
// One row of a two-dimensional static array is a buffer of its own: two
// leases of the same row alias it, leases of different rows do not. A row
// is told by a constant index; a row chosen at run time is not followed.
#include <leash/lease.h>

#include <cstdint>

using Bytes = leash::Lease<std::uint8_t>;

static std::uint8_t rows[4][8];
static std::uint8_t other_rows[4][8];
static std::uint8_t folded[4][8];
static std::uint8_t cube[2][2][8];

struct Board {
  std::uint8_t buffers[2][8];
};
static Board board;

struct Frame {
  std::uint8_t bytes[8];
};
using Frames = leash::Lease<Frame>;
static Frame frames[2];
static Frame later_frames[2];

constexpr int second_row = 1;

void start(Bytes first, Bytes second);
void start_frames(Frames all);

int main(int argc, char **) {
  // Found: the same row twice.
  start(Bytes::from(rows[1]), Bytes::from(rows[1]));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: array 'rows[1]' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: first lease of 'rows[1]' created here

  // Found: a constant index that folds to the same row.
  start(Bytes::from(folded[second_row]), Bytes::from(folded[3 - 2]));
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: array 'folded[1]' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: first lease of 'folded[1]' created here

  // Found: the same row of a three-dimensional array, and a member array of
  // a static object.
  start(Bytes::from(cube[1][0]), Bytes::from(cube[1][0]));
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: array 'cube[1][0]' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: first lease of 'cube[1][0]' created here
  start(Bytes::from(board.buffers[0]), Bytes::from(board.buffers[0]));
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: array 'board.buffers[0]' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: first lease of 'board.buffers[0]' created here

  // Found: a reference bound to a row names that row.
  std::uint8_t(&third)[8] = rows[3];
  start(Bytes::from(rows[3]), Bytes::from(third));
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: array 'third' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: first lease of 'rows[3]' created here

  // Found: a part of an array that is already leased whole.
  start_frames(Frames::from(frames));
  start(Bytes::from(frames[1].bytes), Bytes());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: array 'frames[1].bytes' is part of 'frames', which already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: first lease of 'frames' created here
  start(Bytes::from(later_frames[0].bytes), Bytes());
  start_frames(Frames::from(later_frames));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: array 'later_frames' contains 'later_frames[0].bytes', which already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-3]]:9: note: first lease of 'later_frames[0].bytes' created here

  // Not found: different rows, different arrays, other parts of a
  // three-dimensional array or of the static object.
  start(Bytes::from(other_rows[0]), Bytes::from(other_rows[1]));
  start(Bytes::from(rows[2]), Bytes::from(other_rows[2]));
  start(Bytes::from(cube[0][1]), Bytes::from(cube[1][1]));
  start(Bytes::from(board.buffers[1]), Bytes());

  // Not found: a row chosen at run time is not followed (it may or may not
  // be a row leased already).
  start(Bytes::from(rows[argc]), Bytes::from(rows[argc]));
  return 0;
}
