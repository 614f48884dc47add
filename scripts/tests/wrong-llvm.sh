#!/usr/bin/env bash
# Configuring against an LLVM that is not 16 stops with one line that names
# the problem and the fix, not a CMake backtrace from deep inside LLVM's
# package.
set -euo pipefail
root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/llvm"
cat >"$work/llvm/LLVMConfigVersion.cmake" <<'CMAKE'
set(PACKAGE_VERSION 15.0.7)
set(PACKAGE_VERSION_COMPATIBLE TRUE)
if(PACKAGE_FIND_VERSION_MAJOR AND NOT PACKAGE_FIND_VERSION_MAJOR EQUAL 15)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
endif()
CMAKE
cat >"$work/llvm/LLVMConfig.cmake" <<'CMAKE'
set(LLVM_VERSION 15.0.7)
set(LLVM_VERSION_MAJOR 15)
CMAKE
status=0
output=$(cmake -S "$root" -B "$work/build" -G Ninja -DLLVM_DIR="$work/llvm" \
  -DCMAKE_IGNORE_PREFIX_PATH="/usr/lib/llvm-16;/lib/llvm-16;/usr/lib/llvm-14;/lib/llvm-14;/usr;/" 2>&1) || status=$?
[[ $status -ne 0 ]] || { echo "FAIL: configure succeeded against LLVM 15"; exit 1; }
lines=$(grep -c '^ *leash:' <<<"$output" || true)
echo "$output" | grep '^ *leash:' || true
[[ $lines -eq 1 ]] || { echo "FAIL: expected one 'leash:' line, got $lines"; echo "$output"; exit 1; }
grep -q "leash: LLVM 16 development files not found.*run scripts/setup" <<<"$output" ||
  { echo "FAIL: the line does not name LLVM 16 and scripts/setup"; exit 1; }
echo "PASS"
