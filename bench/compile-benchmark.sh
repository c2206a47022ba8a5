#!/bin/sh
# Measures bent next to its floors, side by side in one run, and prints medians of RUNS runs:
#   1. start-up: a one-node compile vs a JVM hello world vs `bent --version`;
#   2. a compile of a generated mesh of NODES nodes (200 services of 5 endpoints by default) into a
#      fresh directory, with peak RSS, vs `cp -r` of its output followed by `sync`;
#   3. the watch: one endpoint change at 1,000 nodes, from the edit to the last node published
#      (dev.bent.watch.WatchBenchmark, in one JVM), with the local clusters in the CDS files (the
#      default) and in the bootstraps (mesh.localClusters: bootstrap), and the megabytes each
#      change writes; next to it, cp + sync of every node's cds.yaml, the bytes a change writes
#      in the default layout.
# The machine may be shared: the load average is printed before and after, and the ratios (bent
# over its floor, measured in the same run) matter more than the seconds.
# Usage: bench/compile-benchmark.sh [NODES] [SERVICES] [RUNS]; BENT=path/to/bent to measure
# another launcher (the unpacked distribution's bin/bent, for example); WATCH=0 skips part 3.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
nodes=${1:-1000}
services=${2:-200}
runs=${3:-5}
bent=${BENT:-$root/bin/bent}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
[ -f "$root/bent-watch/target/bent.jar" ] || mvn -q -f "$root/pom.xml" package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $runs runs each"

# run LABEL COMMAND...: runs the command RUNS times, printing the median wall time and peak RSS;
# leaves the median seconds in $median and the median CPU seconds (user + system) in $cpu.
run() {
  label=$1
  shift
  : > "$work/times"
  i=0
  while [ "$i" -lt "$runs" ]; do
    [ -z "${before:-}" ] || sh -c "$before"
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" 2>"$work/stderr" >/dev/null || { cat "$work/stderr"; exit 1; }
    cat "$work/time" >> "$work/times"
    i=$((i + 1))
  done
  median=$(sort -n "$work/times" | awk '{ s[NR] = $1 } END { print s[int((NR + 1) / 2)] }')
  peak=$(sort -n -k2 "$work/times" | awk '{ k[NR] = $2 } END { print int(k[int((NR + 1) / 2)] / 1024) }')
  cpu=$(awk '{ print $3 + $4 }' "$work/times" | sort -n | awk '{ c[NR] = $1 } END { print c[int((NR + 1) / 2)] }')
  printf '  %-34s %7.3f s wall %7.3f s CPU %5d MiB peak RSS (medians)\n' "$label" "$median" "$cpu" "$peak"
}

ratio() { # numerator denominator
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'
}

echo "1. start-up (one node)"
mkdir "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
"$root/bench/generate-mesh.sh" 1 1 > "$work/one.yaml"
before=
run "JVM hello world" java -cp "$work/hello" Hello
hello=$median
hellocpu=$cpu
run "bent --version" "$bent" --version
version=$median
before="rm -rf '$work/one'"
run "bent compile, one node" "$bent" compile -c "$work/one.yaml" -o "$work/one" --envoy-dir /etc/envoy
one=$median
echo "  one node / hello world: $(ratio "$one" "$hello") wall, $(ratio "$cpu" "$hellocpu") CPU (goal <= 10x); --version / hello: $(ratio "$version" "$hello") wall"

echo "2. compile of $nodes nodes, $services services"
"$root/bench/generate-mesh.sh" "$nodes" "$services" > "$work/mesh.yaml"
before="rm -rf '$work/out'"
run "bent compile, fresh output" "$bent" compile -c "$work/mesh.yaml" -o "$work/out" --envoy-dir /etc/envoy
big=$median
bigcpu=$cpu
bigpeak=$peak
before=
run "bent compile, unchanged" "$bent" compile -c "$work/mesh.yaml" -o "$work/out" --envoy-dir /etc/envoy
echo "  output: $(du -sb "$work/out" | cut -f1) bytes in $(find "$work/out" -type f | wc -l) files"
sync
before="rm -rf '$work/copy'; sync"
run "cp -r of the output, then sync" sh -c "cp -r '$work/out' '$work/copy' && sync"
copy=$median
echo "  compile / cp -r + sync: $(ratio "$big" "$copy") wall (goal <= 3x), $(ratio "$bigcpu" "$cpu") CPU; peak RSS ${bigpeak} MiB (goal <= 512)"

if [ "${WATCH:-1}" != 0 ]; then
  echo "3. watch, one endpoint change at 1,000 nodes"
  [ -d "$root/bent-watch/target/test-classes" ] || mvn -q -f "$root/pom.xml" test-compile
  (cd "$root" && java -cp "bent-watch/target/bent.jar:bent-watch/target/test-classes" \
    dev.bent.watch.WatchBenchmark --generated-only | sed 's/^/  /')
  # The floor of the default layout: one change writes every node's cds.yaml.
  mkdir "$work/cds"
  for node in "$work"/out/*/; do
    cp "$node/cds.yaml" "$work/cds/$(basename "$node").yaml"
  done
  before="rm -rf '$work/cdscopy'; sync"
  run "cp of every node's cds.yaml, then sync" sh -c "cp -r '$work/cds' '$work/cdscopy' && sync"
  echo "  (the floor of a change that rewrites every node's cds.yaml: $(du -sb "$work/cds" | cut -f1) bytes)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
