#!/usr/bin/env bash
# Counts the Cortex-M4 instructions of each vocabulary function in codegen.cpp
# and of its raw C-style twin, and prints them side by side.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cxx="${ARM_NONE_EABI_GXX:-arm-none-eabi-g++}"
objdump="${ARM_NONE_EABI_OBJDUMP:-arm-none-eabi-objdump}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$cxx" -std=c++20 -mcpu=cortex-m4 -mthumb -ffreestanding -fno-exceptions \
  -fno-rtti -Wall -Wextra -Werror -Os -ffunction-sections \
  -I "$root/rules/include" -c "$here/codegen.cpp" -o "$work/codegen.o"
"$objdump" -d --no-show-raw-insn "$work/codegen.o" >"$work/codegen.dis"

# Instructions of one function: the lines after its label up to the next blank
# line, not counting literal-pool data (.word, .short, .byte) or the nop that
# pads code before a literal pool.
count() {
  awk -v name="$1" '
    $0 ~ "^[0-9a-f]+ <" name ">:$" { inside = 1; next }
    inside && /^$/ { inside = 0 }
    inside && /^ +[0-9a-f]+:/ && !/\.(word|short|byte)/ && !/\tnop$/ { n++ }
    END { print n + 0 }
  ' "$work/codegen.dis"
}

printf '%-18s %12s  %-18s %12s  %6s\n' \
  function instructions "raw equivalent" instructions ratio
while read -r vocabulary raw; do
  a="$(count "$vocabulary")"
  b="$(count "$raw")"
  if [[ "$a" -eq 0 || "$b" -eq 0 ]]; then
    echo "run.sh: no code found for $vocabulary or $raw" >&2
    exit 1
  fi
  ratio="$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
  printf '%-18s %12s  %-18s %12s  %6s\n' "$vocabulary" "$a" "$raw" "$b" "$ratio"
done <<'PAIRS'
takecell_map raw_pointer_map
cell_get raw_get
cell_set raw_set
optionalcell_map raw_optional_map
mapcell_map raw_mapcell_map
lease_index raw_index
PAIRS
