#!/usr/bin/env bash
# scripts/setup run by a user who cannot install: one line naming the
# missing packages and the command that installs them, and exit status 1.
set -euo pipefail
setup=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$setup" "$work/setup"
printf 'cmake\nleash-no-such-package-a\nleash-no-such-package-b\n' >"$work/packages.txt"
chmod -R a+rX "$work"

status=0
output=$(LEASH_PACKAGE_LIST="$work/packages.txt" \
  setpriv --reuid=65534 --regid=65534 --clear-groups bash "$work/setup" 2>&1) || status=$?
echo "$output"
[[ $status -eq 1 ]] || { echo "FAIL: exit status $status, expected 1"; exit 1; }
[[ $(wc -l <<<"$output") -eq 1 ]] || { echo "FAIL: more than one line"; exit 1; }
expected="leash setup: missing Debian packages: leash-no-such-package-a leash-no-such-package-b; install them with: sudo apt-get install leash-no-such-package-a leash-no-such-package-b"
[[ $output == "$expected" ]] || { echo "FAIL: expected: $expected"; exit 1; }
echo "PASS"
