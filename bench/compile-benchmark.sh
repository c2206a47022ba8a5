#!/bin/sh
# Compiles a generated mesh of 1,000 nodes (200 services of 5 endpoints) into a temporary
# directory and reports wall time, peak memory and output size, next to `cp -r` of the same tree.
# Usage: bench/compile-benchmark.sh [NODES] [SERVICES]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
nodes=${1:-1000}
services=${2:-200}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
[ -f "$root/bent-watch/target/bent.jar" ] || mvn -q -f "$root/pom.xml" package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bench/generate-mesh.sh" "$nodes" "$services" > "$work/mesh.yaml"
echo "mesh: $nodes nodes, $services services, $(wc -c < "$work/mesh.yaml") bytes"

measure() { # label, command...
  label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" 2>"$work/stderr" >/dev/null || { cat "$work/stderr"; exit 1; }
  read -r seconds kib < "$work/time"
  echo "$label: ${seconds}s wall, $((kib / 1024)) MiB peak RSS"
}

measure "bent compile (first)" "$root/bin/bent" compile -c "$work/mesh.yaml" -o "$work/out" --envoy-dir /etc/envoy
measure "bent compile (unchanged)" "$root/bin/bent" compile -c "$work/mesh.yaml" -o "$work/out" --envoy-dir /etc/envoy
echo "output: $(du -sb "$work/out" | cut -f1) bytes in $(find "$work/out" -type f | wc -l) files"
sync
measure "cp -r of the output" cp -r "$work/out" "$work/copy"
