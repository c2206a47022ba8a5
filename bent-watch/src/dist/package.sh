#!/bin/sh
# Builds, after the executable jar: the class-data archive bin/bent uses with the Java that runs
# Maven (target/bent.jsa), and the self-contained distribution
# target/bent-VERSION-linux-x64.tar.gz: a jlinked Java runtime holding only the modules bent needs,
# the jar, a class-data archive made for that runtime, bin/bent, and the LICENSE when there is one.
# Usage (run by the exec plugin at `package`): package.sh JAVA_HOME PROJECT_ROOT TARGET VERSION
set -eu
java_home=$1
root=$2
target=$3
version=$4

# The modules bent's classes and libraries use, as `jdeps --print-module-deps` reports them on the
# unpacked jar, plus jdk.crypto.ec (TLS to ECS with elliptic-curve ciphers, found at run time).
modules=java.base,java.compiler,java.desktop,java.logging,java.net.http,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.unsupported

# classes JAVA JAR LIST: writes to LIST the classes that bent's start-up path loads, merged from
# one class list per training run: a compile of every sample (TLS, routing, policies, canary, ...)
# and of a mesh in the shapes of bench/generate-mesh.sh (flow mappings, health checks, retries,
# weights), a second compile of it that finds nothing changed, and --version.
# Reasoning: an archive holds only what its training loaded; whatever a real run needs beyond it
# is parsed and verified from the jar again. Several short runs reach more of the code than one,
# and a class list, unlike -XX:ArchiveClassesAtExit, can be gathered over several JVMs. The jar is
# passed as /proc/self/fd/9, exactly as bin/bent passes it, because an archive remembers the class
# path as written and refuses a jar found under another name; through the descriptor the name is
# the same wherever the jar was unpacked, and the JVM still checks the jar's size and
# modification time.
classes() {
  training=$(mktemp -d)
  runs=0
  train "$1" "$2" "$training" --version
  for sample in "$root"/samples/*.yaml; do
    train "$1" "$2" "$training" compile -c "$sample" -o "$training/$(basename "$sample" .yaml)"
  done
  sh "$root/bench/generate-mesh.sh" 40 8 > "$training/generated.yaml"
  train "$1" "$2" "$training" compile -c "$training/generated.yaml" -o "$training/generated" --envoy-dir /etc/envoy
  train "$1" "$2" "$training" compile -c "$training/generated.yaml" -o "$training/generated" --envoy-dir /etc/envoy
  # The first mention of each class keeps its place, after the classes it needs.
  awk '!seen[$0]++' "$training"/*.classlist > "$3"
  rm -rf "$training"
}

# train JAVA JAR DIR ARGS...: runs bent with ARGS as bin/bent does, writing the classes it loads to
# a new class list in DIR.
train() {
  java=$1
  jar=$2
  dir=$3
  shift 3
  runs=$((runs + 1))
  (
    exec 9<"$jar"
    "$java" -XX:DumpLoadedClassList="$dir/$runs.classlist" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp /proc/self/fd/9 dev.bent.watch.Main "$@"
  ) >"$dir/log" 2>&1 || { cat "$dir/log" >&2; rm -rf "$dir"; exit 1; }
}

# archive JAVA JAR LIST ARCHIVE: the class-data archive of the classes in LIST, the JDK's included, for
# that Java and that jar.
archive() {
  rm -f "$4"
  (
    exec 9<"$2"
    "$1" -Xshare:dump -XX:SharedClassListFile="$3" -XX:SharedArchiveFile="$4" -cp /proc/self/fd/9
  ) >"$4.log" 2>&1 || { cat "$4.log" >&2; exit 1; }
  rm -f "$4.log"
  [ -s "$4" ] || { echo "package.sh: $1 wrote no class-data archive" >&2; exit 1; }
}

classes "$java_home/bin/java" "$target/bent.jar" "$target/bent.classlist"
archive "$java_home/bin/java" "$target/bent.jar" "$target/bent.classlist" "$target/bent.jsa"

name=bent-$version
stage=$target/dist
rm -rf "$stage"
mkdir -p "$stage/$name/bin" "$stage/$name/lib"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$stage/$name/runtime" >/dev/null
cp -p "$target/bent.jar" "$stage/$name/lib/bent.jar"
cp "$root/bin/bent" "$stage/$name/bin/bent"
[ ! -f "$root/LICENSE" ] || cp "$root/LICENSE" "$stage/$name/LICENSE"
archive "$stage/$name/runtime/bin/java" "$stage/$name/lib/bent.jar" "$target/bent.classlist" "$stage/$name/lib/bent.jsa"
# Modification times stay: the archive is valid only for the jar with the time it recorded.
tar -czf "$target/$name-linux-x64.tar.gz" -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner "$name"
rm -rf "$stage"
