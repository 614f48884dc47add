// One unit of the file-selection test.
int middle() { return 0; }
