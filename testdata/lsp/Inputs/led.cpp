#include "led.h"

void blink(Led &led) { led.toggle(); }
