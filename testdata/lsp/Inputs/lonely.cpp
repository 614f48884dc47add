int lonely() { return 1; }
