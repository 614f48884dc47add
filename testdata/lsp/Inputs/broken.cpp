#include <leash/annotations.h>

unknown_type value;
