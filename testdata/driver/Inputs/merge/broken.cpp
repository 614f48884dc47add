int broken() { return not_declared; }
