// A component declared in a header, and a declaration that breaks the rule.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT LedDriver {
public:
  void set(bool on) const { on_.set(on); }

private:
  leash::Cell<bool> on_;
};

void attach(LedDriver &driver);
