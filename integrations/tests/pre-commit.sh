#!/usr/bin/env bash
# The pre-commit hook: refuses a commit whose staged C++ has a finding,
# accepts one without.
set -euo pipefail
hook=$1 leash=$2 git=$3
# The git that the build found (scripts/setup installs it); the hook runs
# the first git on PATH, so put that one there.
PATH="$(dirname "$git"):$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q . && git config user.email t@example.invalid && git config user.name t
mkdir build
printf 'int read(int *p) { return p[1]; }\n' >bad.cpp
printf 'int fine() { return 1; }\n' >good.cpp
printf '[{"directory":"%s","command":"clang++-16 -c %s","file":"%s"},{"directory":"%s","command":"clang++-16 -c %s","file":"%s"}]\n' \
  "$work" "$work/bad.cpp" "$work/bad.cpp" "$work" "$work/good.cpp" "$work/good.cpp" \
  >build/compile_commands.json
git add good.cpp
[[ $(git diff --cached --name-only) == good.cpp ]] ||
  { git status; echo "FAIL: good.cpp was not staged"; exit 1; }
LEASH_BUILD_DIR=build LEASH=$leash "$hook" >out.txt 2>&1 || { cat out.txt; echo "FAIL: refused a clean commit"; exit 1; }
grep -q "1 of 1 translation units analysed" out.txt ||
  { cat out.txt; echo "FAIL: the hook did not check good.cpp"; exit 1; }
git add bad.cpp
if LEASH_BUILD_DIR=build LEASH=$leash "$hook" >out.txt 2>&1; then
  cat out.txt; git status; echo "FAIL: accepted a commit with a finding"; exit 1
fi
grep -q "bad.cpp:1:27: warning: subscript of raw pointer" out.txt ||
  { cat out.txt; echo "FAIL: the finding is not shown"; exit 1; }
echo PASS
