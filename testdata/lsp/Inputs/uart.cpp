#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Uart {
public:
  void send(char byte) const { last_.set(byte); }

private:
  leash::Cell<char> last_;
};

/* Größe 🚀 */ void configure(Uart &uart);
