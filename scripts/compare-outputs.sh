#!/usr/bin/env bash
# Renders every kind of output with two builds of netkaart and compares them byte for byte:
# a change meant to keep behaviour (a refactoring) shows here any file, any page or any
# message that it changed.
#   scripts/compare-outputs.sh BASE_BINARY [NEW_BINARY]
# NEW_BINARY defaults to target/release/netkaart. Build the base from another checkout, e.g.
#   git worktree add /tmp/base REV && (cd /tmp/base && cargo build --release)
# Prints one line per output that differs (with the difference, for messages) and a closing
# count; exit 1 when any differs. Batches run with one job, so that their lines come in order.
# What is compared: the documents (PDF, PNG, SVG) of every command on examples/ (blank,
# poster, handbook and handout, with paper sizes, orientations, print-shop, tiled and
# PDF/A variants), batch folders and the combined PDF, data, schema and init files, and
# the messages (standard error and exit status) of check and of refused commands.
set -uo pipefail
cd "$(dirname "$0")/.."
base=$(realpath "${1:?usage: scripts/compare-outputs.sh BASE_BINARY [NEW_BINARY]}")
new=$(realpath "${2:-target/release/netkaart}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Each case: a name, then the arguments. `@OUT` is the case's output folder.
cases=(
  "blank-nl|blank -o @OUT/blank.pdf"
  "blank-en|blank --lang en -o @OUT/blank.pdf"
  "blank-portrait|blank --orientation portrait -o @OUT/blank.pdf"
  "blank-a0|blank --paper a0 -o @OUT/blank.pdf"
  "blank-a1|blank --paper a1 -o @OUT/blank.pdf"
  "blank-a3-portrait|blank --paper a3 --orientation portrait -o @OUT/blank.pdf"
  "blank-a4|blank --paper a4 -o @OUT/blank.pdf"
  "blank-crop|blank --crop-marks -o @OUT/blank.pdf"
  "blank-bleed|blank --paper a1 --bleed 5 -o @OUT/blank.pdf"
  "blank-tile-a4|blank --tile a4 -o @OUT/blank.pdf"
  "blank-tile-a3|blank --paper a1 --tile a3 --overlap 15 --printer-margin 8 -o @OUT/blank.pdf"
  "blank-png|blank --format png --ppi 20 -o @OUT/blank.png"
  "blank-svg|blank --lang en -o @OUT/blank.svg"
  "blank-event|blank --event examples/event/workshop.yaml -o @OUT/blank.pdf"
  "blank-pdfa|blank --pdf-standard a-2b,ua-1 --event examples/event/workshop.yaml -o @OUT/blank.pdf"
  "blank-default-name|blank --lang en --paper a3 --tile a4"
  "poster-an|poster examples/an-peeters.yaml -o @OUT/poster.pdf"
  "poster-green|poster examples/green-lane.yaml -o @OUT/poster.pdf"
  "poster-portrait|poster examples/an-peeters.yaml --orientation portrait -o @OUT/poster.pdf"
  "poster-en|poster examples/an-peeters.yaml --lang en -o @OUT/poster.pdf"
  "poster-a4|poster examples/green-lane.yaml --paper a4 -o @OUT/poster.pdf"
  "poster-tile|poster examples/an-peeters.yaml --tile a4 -o @OUT/poster.pdf"
  "poster-crop|poster examples/an-peeters.yaml --paper a0 --crop-marks -o @OUT/poster.pdf"
  "poster-pdfa|poster examples/an-peeters.yaml --pdf-standard a-3b -o @OUT/poster.pdf"
  "poster-png|poster examples/an-peeters.yaml --tile a4 --format png --ppi 15 -o @OUT/tile-{p}.png"
  "poster-event|poster examples/green-lane.yaml --event examples/event/workshop.yaml -o @OUT/poster.pdf"
  "handbook-nl|handbook -o @OUT/handbook.pdf"
  "handbook-en-a5|handbook --lang en --paper a5 -o @OUT/handbook.pdf"
  "handbook-an|handbook examples/an-peeters.yaml -o @OUT/handbook.pdf"
  "handbook-green-a5|handbook examples/green-lane.yaml --paper a5 -o @OUT/handbook.pdf"
  "handbook-ua|handbook examples/an-peeters.yaml --pdf-standard a-2b,ua-1 -o @OUT/handbook.pdf"
  "handbook-svg|handbook --format svg -o @OUT/page-{p}.svg"
  "handout-an|handout examples/an-peeters.yaml -o @OUT/handout.pdf"
  "handout-green|handout examples/green-lane.yaml --event examples/event/workshop.yaml -o @OUT/handout.pdf"
  "handout-png|handout examples/green-lane.yaml --format png --ppi 30 -o @OUT/handout.png"
  "batch-folder|batch --jobs 1 examples/ -o @OUT/handouts"
  "batch-csv|batch --jobs 1 examples/workshop.csv --event examples/event/workshop.yaml -o @OUT/out --combine @OUT/all.pdf"
  "batch-xlsx|batch --jobs 1 examples/workshop.xlsx -o @OUT/out --kind poster --paper a3 --name {n}-{name}"
  "batch-handbook|batch --jobs 1 examples/an-peeters.yaml examples/green-lane.yaml --kind handbook --paper a5 --combine @OUT/all.pdf"
  "batch-shard|batch --jobs 1 examples/workshop.csv -o @OUT/out --shard 2/2 --quiet"
  "data-an|data examples/an-peeters.yaml -o @OUT/answers.json"
  "data-green|data examples/green-lane.yaml -o -"
  "schema|schema"
  "init-nl|init -o @OUT/answers.yaml"
  "init-en|init --lang en -o @OUT/answers.yaml --schema https://example.org/s.json"
  "check-examples|check examples/ examples/workshop.csv"
  "check-bad|check tests/bad_input"
  "refused-ppi|blank --ppi 50"
  "refused-bleed|blank --bleed 40"
  "refused-tile-bleed|blank --tile a4 --bleed 3"
  "refused-overlap|blank --tile a4 --overlap 99"
  "refused-margin|blank --tile a4 --printer-margin 30"
  "refused-standards|blank --pdf-standard a-2b,a-3b"
  "refused-date|poster examples/green-lane.yaml --pdf-standard a-2b -o @OUT/x.pdf"
  "refused-format|blank --format png -o @OUT/x.pdf"
  "refused-stdout|handbook -o -"
  "refused-shard|batch --jobs 1 examples/ -o @OUT/b --shard 3/2"
  "refused-name|batch --jobs 1 examples/ -o @OUT/b --name {nmae}"
  "refused-name-slash|batch --jobs 1 examples/ -o @OUT/b --name a/b"
  "refused-combine-ua|batch --jobs 1 examples/ --combine @OUT/a.pdf --pdf-standard ua-1"
  "refused-combine-date|batch --jobs 1 examples/ --combine @OUT/a.pdf --pdf-standard a-2b"
  "refused-kind-paper|batch --jobs 1 examples/ -o @OUT/b --kind handbook --paper a3"
  "refused-handout-paper|batch --jobs 1 examples/ -o @OUT/b --paper a4"
  "refused-poster-a5|batch --jobs 1 examples/ -o @OUT/b --kind poster --paper a5"
  "refused-blank-a5|blank --paper a5"
  "refused-handbook-a2|handbook --paper A2"
  "refused-tile-a2|blank --tile a2"
  "refused-kind|batch examples/ -o @OUT/b --kind flyer"
  "compare|compare examples/an-peeters.yaml examples/an-peeters-2027-06.yaml -o @OUT/c.pdf"
  "compare-json|compare examples/an-peeters.yaml examples/an-peeters-2027-06.yaml -o @OUT/c.json"
  "compare-csv|compare examples/an-peeters.yaml examples/an-peeters-2027-06.yaml -o @OUT/c.csv"
  "handout-before|handout examples/an-peeters-2027-06.yaml --before examples/an-peeters.yaml -o @OUT/h.pdf"
  "handbook-before|handbook examples/an-peeters-2027-06.yaml --before examples/an-peeters.yaml -o @OUT/h.pdf"
  "stats-csv|stats examples/ examples/workshop.csv -o @OUT/s.csv"
  "stats-json|stats examples/ examples/workshop.csv -o @OUT/s.json"
  "stats-portrait|stats examples/ --event examples/event/workshop.yaml -o @OUT/s.pdf"
  "refused-allow|blank --event examples/event/workshop.yaml --allow-path nothing-here"
  "refused-skip-combine|batch --jobs 1 examples/ -o @OUT/b --skip-existing --combine @OUT/a.pdf"
  "refused-missing|batch --jobs 1 nothing-here/ -o @OUT/b"
)

repo=$PWD
run_all() { # binary, folder
  local bin=$1 dir=$2
  for case in "${cases[@]}"; do
    local name=${case%%|*} args=${case#*|}
    local out="$dir/$name"
    mkdir -p "$out/cwd"
    args=${args//@OUT/$out}
    # Relative paths name the repository's files; default names land in the case's folder.
    ln -s "$repo/examples" "$out/cwd/examples"
    ln -s "$repo/tests" "$out/cwd/tests"
    # shellcheck disable=SC2086
    (cd "$out/cwd" && SOURCE_DATE_EPOCH=1796256000 "$bin" $args >"$out/stdout" 2>"$out/stderr")
    echo $? >"$out/status"
    # A path that names the run's own folder is the same path in both runs.
    sed -i "s#$dir#DIR#g" "$out/stderr"
  done
}

run_all "$base" "$work/base"
run_all "$new" "$work/new"

files=0
differ=0
while IFS= read -r f; do
  files=$((files + 1))
  if ! cmp -s "$work/base/$f" "$work/new/$f"; then
    differ=$((differ + 1))
    echo "differs: $f"
    # The messages show what changed.
    case "$f" in
      */stderr | */stdout | */status) diff "$work/base/$f" "$work/new/$f" | head -n 12 | sed 's/^/    /' ;;
    esac
  fi
done < <(cd "$work/base" && find . -type f | sort)
while IFS= read -r f; do
  if [ ! -e "$work/base/$f" ]; then
    differ=$((differ + 1))
    echo "only in the new build: $f"
  fi
done < <(cd "$work/new" && find . -type f | sort)
echo "${#cases[@]} commands, $files files compared: $differ differ"
[ "$differ" -eq 0 ]
