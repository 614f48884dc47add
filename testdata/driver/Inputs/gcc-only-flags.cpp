// A translation unit whose build uses flags that only GCC knows.
int answer() { return 42; }
