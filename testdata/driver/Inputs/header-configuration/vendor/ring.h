// A vendored library's header: its folder's .clang-tidy turns leash off.
inline int vendored_peek(const int *p) { return p[1]; }
