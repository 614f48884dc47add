// A unit that only the build's extra flags make compile: the database lacks
// the definition, as when a build system adds it outside the compile
// commands, or Clang needs a flag GCC does not.
#ifndef BOARD_REVISION
#error "BOARD_REVISION must be defined"
#endif

int *next(int *p) { return p + BOARD_REVISION; }
