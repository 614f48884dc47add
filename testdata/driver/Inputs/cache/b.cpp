int b() {
  int unused_b = 1;
  return 0;
}
