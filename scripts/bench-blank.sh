#!/usr/bin/env bash
# Cold `netkaart blank` against the stock `typst compile` of the same poster template
# (when `typst` is on PATH): median wall time of RUNS fresh processes each, in one go.
#   scripts/bench-blank.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
cargo build --release --quiet
bin=target/release/netkaart
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same template for typst: a root with the templates, the fonts and blank answers.
mkdir -p "$work/root"
cp -r templates fonts "$work/root/"
echo '{"version": 1, "lang": "nl"}' > "$work/root/answers.json"

time_runs() { # name, command...
  local name=$1; shift
  "$@" >/dev/null 2>&1 # warm the file cache, not the process
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '
    { t[NR] = $1 }
    END { printf "%-16s median %7.1f ms   min %7.1f ms   max %7.1f ms   (%d runs)\n",
          name, t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000, NR }'
}

time_runs "netkaart blank" "$bin" blank -o "$work/netkaart.pdf"
if command -v typst >/dev/null; then
  time_runs "typst compile" typst compile --root "$work/root" --font-path "$work/root/fonts" \
    --ignore-system-fonts "$work/root/templates/poster.typ" "$work/typst.pdf"
  cmp -s <(pdftotext "$work/netkaart.pdf" - 2>/dev/null || true) \
         <(pdftotext "$work/typst.pdf" - 2>/dev/null || true) \
    && echo "(both outputs have the same text)" || true
else
  echo "typst is not on PATH: only netkaart was measured"
fi
