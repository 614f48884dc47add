#!/usr/bin/env bash
# Kernel latency benchmark: instruction counts from hardware events to the
# kernel clients' callbacks, and the flash and RAM size of every image.
#
#   bench/kernel-latency/run.sh [KERNEL_BUILD_DIRECTORY]
#
# KERNEL_BUILD_DIRECTORY holds the kernel's images (default:
# build/reference-kernel, where the repository's build puts them). The images
# run under `qemu-system-arm -icount shift=0 -singlestep -d exec,nochain`:
# one virtual nanosecond per instruction, one trace line per instruction;
# measure.py counts the instructions between events. See README.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repository="$(cd "${here}/../.." && pwd)"
images="${1:-${repository}/build/reference-kernel}"
qemu="${QEMU:-qemu-system-arm}"
nm="${NM:-arm-none-eabi-nm}"
objdump="${OBJDUMP:-arm-none-eabi-objdump}"
size="${SIZE:-arm-none-eabi-size}"

for image in qemu-mps2-an386.elf qemu-mps2-an386-tests.elf; do
  if [[ ! -f "${images}/${image}" ]]; then
    echo "run.sh: no ${images}/${image}; build the kernel first" >&2
    exit 2
  fi
done

scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT

# Runs IMAGE with INPUT on its UART and writes its instruction trace to TRACE.
trace_run() {
  local image="$1" input="$2" trace="$3"
  if ! printf '%b' "${input}" | timeout 120 "${qemu}" -M mps2-an386 -nographic \
      -monitor none -semihosting-config enable=on,target=native \
      -icount shift=0 -singlestep -d exec,nochain -D "${trace}" \
      -kernel "${images}/${image}" > "${scratch}/output.txt" 2>&1; then
    echo "run.sh: ${image} did not exit with status 0:" >&2
    cat "${scratch}/output.txt" >&2
    exit 1
  fi
}

trace_run qemu-mps2-an386-tests.elf 'leash receive test\n' "${scratch}/tests.log"
trace_run qemu-mps2-an386.elf 'hello\nled 0\nexit\n' "${scratch}/board.log"

measure() {
  python3 "${here}/measure.py" --nm "${nm}" --objdump "${objdump}" "$@"
}

echo "kernel latency under ${qemu} -M mps2-an386 -icount shift=0 (instructions)"
printf '  %-58s %4s %6s %6s %6s\n' "from -> to" "n" "min" "median" "max"
echo " qemu-mps2-an386-tests.elf (in-kernel tests):"
measure --events alarm "${images}/qemu-mps2-an386-tests.elf" "${scratch}/tests.log"
measure --events deferred-call "${images}/qemu-mps2-an386-tests.elf" "${scratch}/tests.log"
measure --events uart "${images}/qemu-mps2-an386-tests.elf" "${scratch}/tests.log"
echo " qemu-mps2-an386.elf (the board, echoing typed input):"
measure --events uart "${images}/qemu-mps2-an386.elf" "${scratch}/board.log"

echo
echo "image sizes (bytes; flash = text + data, RAM = data + bss, 8 KiB of it the stack)"
printf '  %-28s %8s %8s %8s %8s %8s\n' image text data bss flash RAM
for image in "${images}"/*.elf; do
  read -r text data bss _ < <("${size}" --format=berkeley "${image}" | tail -n 1)
  printf '  %-28s %8d %8d %8d %8d %8d\n' "$(basename "${image}")" \
    "${text}" "${data}" "${bss}" $((text + data)) $((data + bss))
done
