// A component declared in a header, with a write in an inline member.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Timer {
public:
  void restart() { start_ = 0; }
  unsigned start() const { return start_; }

private:
  unsigned start_ = 0;
};
