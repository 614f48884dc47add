#!/usr/bin/env bash
# Neovim as the LSP client of `leash lsp`: a copy of a reference-kernel
# source with a planted bug (testdata/tools/plant-bug.py, with a
# compile_commands.json beside it) is opened in headless Neovim, which
# starts leash through integrations/neovim/leash.lua; the bug must come
# back as leash's diagnostic on the right line.
# With CLANGD (clangd-16), clangd runs beside leash in the same buffer, as
# in a user's editor, and both must attach.
# usage: neovim.sh INTEGRATIONS_DIR LEASH PYTHON KERNEL_BUILD_DIR [CLANGD]
set -euo pipefail
integrations=$1 leash=$2 python=$3 kernel_build=$4 clangd=${5:-}
if ! command -v nvim > /dev/null; then
  echo "SKIP: nvim is not installed (the Debian package neovim; scripts/setup installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Neovim's state, logs and caches stay in the test's directory.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data \
  XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
# clangd would index the standard library and delay its exit by seconds.
mkdir -p "$XDG_CONFIG_HOME/clangd"
printf 'Index:\n  StandardLibrary: No\n' > "$XDG_CONFIG_HOME/clangd/config.yaml"
"$python" "$integrations/../testdata/tools/plant-bug.py" "$work/kernel" \
  --kernel-build "$kernel_build" --source capsules/transmit_queue.cpp \
  --replace '    buffer_.put(std::move(refusal).value());\n' ''
cd "$work/kernel"
out=$(LEASH_BIN=$leash LEASH_CLANGD=$clangd LEASH_NVIM_SNIPPET=$integrations/neovim/leash.lua \
  timeout 180 nvim --headless --clean -u "$integrations/tests/neovim-session.lua" \
  capsules/transmit_queue.cpp)
echo "$out"
# The line of the planted bug's finding, as `leash check` reports it.
expected=$({ "$leash" check -p . capsules/transmit_queue.cpp 2>/dev/null || true; } |
  sed -n 's/^[^:]*transmit_queue.cpp:\([0-9]*\):[0-9]*: warning: .*\[leash-lease-dropped\]$/\1/p' | head -1)
if [ -z "$expected" ]; then
  echo "FAIL: leash check did not report the planted bug"; exit 1
fi
if ! grep -q "^leash-lease-dropped $expected lease 'refusal' still owns its buffer" <<< "$out"; then
  echo "FAIL: Neovim did not show leash-lease-dropped on line $expected"; exit 1
fi
clients=leash
[ -n "$clangd" ] && clients="clangd leash"
if ! grep -qx "clients: $clients" <<< "$out"; then
  echo "FAIL: the buffer's clients are not: $clients"; exit 1
fi
echo "PASS: leash-lease-dropped on line $expected, through Neovim (clients: $clients)"
