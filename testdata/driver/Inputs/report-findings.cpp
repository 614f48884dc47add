// Findings for the report and baseline tests: compiler warnings, which
// clang-tidy's clang-diagnostic-* checks report like any check (two unused
// variables on one line, and a shadowed global, whose finding has a note).
int counter;

int unused_locals() {
  int first = 1; /* é */ int second = 2;
  return 0;
}

int shadows(int value) {
  int counter = value;
  return counter;
}
