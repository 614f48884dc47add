#include "led.h"

void blink(Led &led) { led.toggle(); }
void flash(Led &led) { led.toggle(); }
