// A user's own cell type, annotated like the vocabulary's MapCell.
#include <leash/annotations.h>

template <typename T> class LEASH_CELL("map") Pool {
public:
  template <typename F> LEASH_ROLE("lend") void map(F &&f) const { f(value_); }
  LEASH_ROLE("take") T take() const { return value_; }

private:
  mutable T value_{};
};

inline Pool<int> pool;

inline void reuse() {
  pool.map([](int &) {
    (void)pool.take();
  });
}
