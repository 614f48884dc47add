// The project's own header: its findings are the project's.
inline int own_peek(const int *p) { return p[2]; }
