#!/usr/bin/env bash
# LeashCheck.cmake in a user's project: its target fails the build on a
# finding and passes on clean code.
set -euo pipefail
integrations=$1 leash=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(user LANGUAGES CXX)
list(APPEND CMAKE_MODULE_PATH "$integrations/cmake")
include(LeashCheck)
add_library(user OBJECT user.cpp)
leash_add_check_target(leash-check LEASH "$leash" ARGS --checks=-*,leash-*)
CMAKE
printf 'int read(int *p) { return p[1]; }\n' >"$work/user.cpp"
cmake -S "$work" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 >/dev/null
if output=$(cmake --build "$work/build" --target leash-check 2>&1); then
  echo "$output"; echo "FAIL: the target passed on a finding"; exit 1
fi
grep -q "subscript of raw pointer 'p'.*\[leash-unsafe-unmarked\]" <<<"$output" ||
  { echo "$output"; echo "FAIL: the finding is not in the output"; exit 1; }
printf 'int read(const int (&a)[2]) { return a[1]; }\n' >"$work/user.cpp"
cmake --build "$work/build" --target leash-check >/dev/null 2>&1 ||
  { echo "FAIL: the target failed on clean code"; exit 1; }
echo PASS
