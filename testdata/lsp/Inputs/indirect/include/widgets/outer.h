#include "inner.h"

inline void brighten(const Lamp &lamp) { lamp.toggle(); }
