# Sourced by scripts/dist and scripts/check-dist: what both must agree on, read once from
# Cargo.toml (cargo metadata) and rustc. Not a command of its own.
#   field EXPR     a value of the package's metadata (m), by a Python expression
#   version glibc triple    the package's version, its oldest glibc, this machine's target
#   name out                the archive's name (without .tar.gz), and target/dist
metadata=$(cargo metadata --format-version 1 --no-deps --locked)
field() { python3 -c 'import json,sys; m=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$metadata"; }
version=$(field 'm["packages"][0]["version"]')
glibc=$(field 'm["packages"][0]["metadata"]["dist"]["glibc"]')
target_dir=$(field 'm["target_directory"]')
triple=$(rustc -vV | sed -n 's/^host: //p')
name="netkaart-$version-$triple"
out="$target_dir/dist"
