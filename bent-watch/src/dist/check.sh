#!/bin/sh
# Checks what bent-watch/src/dist/package.sh built, as a user would run it (CI runs this after
# `mvn verify`):
#   1. a copy of the checkout's launcher, jar and class-data archive in another directory uses the
#      archive (-Xshare:on refuses to start otherwise, and the main class loads from it), and a
#      compile of the sample and of a generated mesh loads none of bent's classes or its
#      libraries' from the jar (the archive's training reaches all of them);
#   2. a jar the archive was not made for runs without it and without a word about it (and so
#      does the JVM OTHER_JAVA, when set);
#   3. the distribution tarball, unpacked into an empty directory, compiles the sample with no
#      `java` on the PATH and JAVA_HOME unset, on its own runtime, using its archive, and carries
#      the LICENSE.
# Usage: bent-watch/src/dist/check.sh [PROJECT_ROOT]
set -eu
root=$(cd "${1:-$(dirname "$0")/../../..}" && pwd)
target=$root/bent-watch/target
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample=$root/samples/compose-config.yaml
fail() { echo "check.sh: $*" >&2; exit 1; }

# archived LOG: the main class, most classes and every class of the jar came from the class-data
# archive.
archived() {
  grep -q 'dev\.bent\.watch\.Main source: shared objects file' "$1" || fail "the main class did not come from the archive"
  shared=$(grep -c 'source: shared objects file' "$1" || true)
  [ "$shared" -ge 1000 ] || fail "only $shared classes came from the archive"
  ! grep 'source: file:' "$1" >&2 || fail "the classes above came from the jar: the archive's training (package.sh) does not load them"
}

mkdir -p "$work/copy/bin" "$work/copy/bent-watch/target" "$work/run"
cp "$root/bin/bent" "$work/copy/bin/"
cp -p "$target/bent.jar" "$target/bent.jsa" "$work/copy/bent-watch/target/"
(cd "$work/run" && BENT_JAVA_OPTS="-Xshare:on -Xlog:class+load=info" "$work/copy/bin/bent" \
  compile -c "$sample" -o out --envoy-dir /etc/envoy > "$work/copy.log")
archived "$work/copy.log"
test -f "$work/run/out/alpha/bootstrap.yaml"
sh "$root/bench/generate-mesh.sh" 3 2 > "$work/generated.yaml"
(cd "$work/run" && BENT_JAVA_OPTS="-Xshare:on -Xlog:class+load=info" "$work/copy/bin/bent" \
  compile -c "$work/generated.yaml" -o generated --envoy-dir /etc/envoy > "$work/generated.log")
archived "$work/generated.log"
echo "a copy of the checkout's jar and archive in another directory uses the archive"

touch -d '2001-01-01' "$work/copy/bent-watch/target/bent.jar"
(cd "$work/run" && "$work/copy/bin/bent" compile -c "$sample" -o out2 > "$work/stale.out" 2> "$work/stale.err")
[ ! -s "$work/stale.out" ] || fail "a stale archive printed: $(cat "$work/stale.out")"
[ "$(cat "$work/stale.err")" = "bent: compiled 8 nodes into out2 (8 changed, 0 unchanged)" ] \
  || fail "a stale archive printed: $(cat "$work/stale.err")"
echo "a jar the archive was not made for runs without it, silently"
if [ -n "${OTHER_JAVA:-}" ]; then
  (cd "$work/run" && JAVA=$OTHER_JAVA "$root/bin/bent" compile -c "$sample" -o out3 > "$work/other.out" 2> "$work/other.err")
  [ ! -s "$work/other.out" ] || fail "another JVM printed: $(cat "$work/other.out")"
  ! grep -Ei 'cds|shared|archive' "$work/other.err" || fail "another JVM spoke of the archive"
  echo "$OTHER_JAVA, a JVM the archive was not made for, runs without it, silently"
fi

mkdir "$work/empty" "$work/tools"
tar -xzf "$target"/bent-*-linux-x64.tar.gz -C "$work/empty"
ln -s "$(command -v dirname)" "$work/tools/dirname"
dist=$(echo "$work/empty"/bent-*)
(cd "$work/empty" && env -u JAVA_HOME -u JAVA PATH="$work/tools" \
  /bin/sh -c 'command -v java >/dev/null && exit 9; BENT_JAVA_OPTS="-Xshare:on -Xlog:class+load=info" exec "$0"/bin/bent compile -c "$1" -o out --envoy-dir /etc/envoy' \
  "$dist" "$sample" > "$work/dist.log") || fail "the distribution did not compile the sample (exit $?)"
archived "$work/dist.log"
grep -q "java.lang.Object source: shared objects file" "$work/dist.log" || fail "the bundled runtime's own archive was not used"
for node in alpha beta beta.2 gamma delta epsilon zeta eta; do
  test -f "$work/empty/out/$node/bootstrap.yaml" || fail "the distribution wrote no $node/bootstrap.yaml"
done
cmp -s "$work/empty/out/alpha/bootstrap.yaml" "$work/run/out/alpha/bootstrap.yaml" \
  || fail "the distribution and the checkout wrote different bytes"
echo "the distribution compiles with no java on the PATH and JAVA_HOME unset, using its archive"
if [ -f "$root/LICENSE" ]; then
  cmp -s "$dist/LICENSE" "$root/LICENSE" || fail "the distribution does not carry LICENSE"
  echo "the distribution carries LICENSE"
fi
