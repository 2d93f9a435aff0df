#!/usr/bin/env bash
# Converts the vendored WebAssembly 2.0 spec tests (tests/Lineage.Wasm.SpecTests/testsuite/*.wast) with wabt's
# wast2json into artifacts/wasm-spec/<name>/<name>.json + modules, for Lineage.Wasm.SpecTests.
# Idempotent: skips the conversion when the inputs and the wast2json version are unchanged.
set -euo pipefail
root="${LINEAGE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
suite="$root/tests/Lineage.Wasm.SpecTests/testsuite"
out="$root/artifacts/wasm-spec"

if ! command -v wast2json >/dev/null 2>&1; then
  echo "error: wast2json not found (apt-get install wabt; scripts/setup.d/00-apt.sh installs it)" >&2
  exit 1
fi

stamp="$( (wast2json --version; cat "$suite"/*.wast | sha256sum) | sha256sum | cut -d' ' -f1)"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  echo "wasm spec tests already converted ($(ls -d "$out"/*/ | wc -l) files)"
  exit 0
fi

rm -rf "$out"; mkdir -p "$out"
failed=()
for f in "$suite"/*.wast; do
  name="$(basename "$f" .wast)"
  mkdir -p "$out/$name"
  # Run inside the folder so the JSON names its modules by bare file name.
  if ! (cd "$out/$name" && wast2json "$f" -o "$name.json" >/dev/null 2>"$out/$name/wast2json.err"); then
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  # The harness reports these files as failed; setup itself goes on so the rest of the suite still runs.
  echo "wast2json failed for: ${failed[*]}" >&2
fi
echo "$stamp" > "$out/.stamp"
echo "converted $(( $(ls "$suite"/*.wast | wc -l) - ${#failed[@]} )) wasm spec test files into artifacts/wasm-spec"
