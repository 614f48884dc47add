#include <widgets/outer.h>

int main() { return 0; }
