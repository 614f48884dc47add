// A helper in a header that an interrupt handler calls.
#include <leash/cell.h>

inline leash::Cell<bool> header_pending;

inline void acknowledge_in_header() { header_pending.set(false); }
