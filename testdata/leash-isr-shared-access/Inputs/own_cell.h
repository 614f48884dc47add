// A project's own cell type, annotated like the vocabulary's, whose members
// use a vocabulary cell: its implementation is not the handler's code.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_CELL("cell") Counter {
public:
  void bump() const { count_.set(count_.get() + 1); }

private:
  leash::Cell<unsigned> count_;
};
