// A test framework's macro declares a global whose name appears nowhere in
// the source: the finding at the macro's use names the macro.
#define TEST(name)                                                             \
  int test##name##Instance = 0;                                                \
  void test##name()

TEST(x) {}
