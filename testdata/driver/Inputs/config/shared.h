// A header with a finding, included by two units.
inline int shared(int *p) { return p[3]; }
