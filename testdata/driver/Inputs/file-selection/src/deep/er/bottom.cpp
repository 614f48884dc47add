// One unit of the file-selection test.
int bottom() { return 0; }
