// A header with one finding, included by three units under three spellings.
#pragma once
inline int second(int *p) { return p[1]; }
