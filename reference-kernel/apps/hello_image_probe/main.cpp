/// The smallest app: it exercises the image tools (tools/make-app-image) and
/// the header parser's tests, and does nothing but return.

/// Ends at once; crt0 then exits with status 0.
int main() { return 0; }
