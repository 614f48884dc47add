#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Lamp {
public:
  void toggle() const { on_.set(!on_.get()); }

private:
  leash::Cell<bool> on_;
};

void dim(Lamp &lamp);
