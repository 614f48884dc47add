// Globals declared in a header: the definitions are reported, once each.
#include <leash/cell.h>

inline unsigned header_count = 0;
extern unsigned declared_only;
inline leash::Cell<unsigned> header_cell;
