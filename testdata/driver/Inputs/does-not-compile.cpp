// A translation unit that does not compile: it is never analysed.
int broken( {
