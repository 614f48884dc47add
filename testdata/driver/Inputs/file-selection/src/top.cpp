// One unit of the file-selection test.
int top() { return 0; }
