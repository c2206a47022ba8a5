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

# archive JAVA JAR ARCHIVE: records the classes one compile of the bundled sample loads.
# Reasoning: the jar is passed as /proc/self/fd/9, exactly as bin/bent passes it, because a Java 17
# archive remembers the class path as written and refuses a jar found under another name; through
# the descriptor the name is the same wherever the jar was unpacked, and the JVM still checks the
# jar's size and modification time.
archive() {
  rm -f "$3"
  training=$(mktemp -d)
  (
    exec 9<"$2"
    "$1" -XX:ArchiveClassesAtExit="$3" -Xlog:cds=error -Xlog:cds+dynamic=error -cp /proc/self/fd/9 \
      dev.bent.watch.Main compile -c "$root/samples/compose-config.yaml" -o "$training/out" >"$training/log" 2>&1
  ) || { cat "$training/log" >&2; rm -rf "$training"; exit 1; }
  rm -rf "$training"
  [ -s "$3" ] || { echo "package.sh: $1 wrote no class-data archive" >&2; exit 1; }
}

archive "$java_home/bin/java" "$target/bent.jar" "$target/bent.jsa"

name=bent-$version
stage=$target/dist
rm -rf "$stage"
mkdir -p "$stage/$name/bin" "$stage/$name/lib"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$stage/$name/runtime" >/dev/null
cp -p "$target/bent.jar" "$stage/$name/lib/bent.jar"
cp "$root/bin/bent" "$stage/$name/bin/bent"
[ ! -f "$root/LICENSE" ] || cp "$root/LICENSE" "$stage/$name/LICENSE"
archive "$stage/$name/runtime/bin/java" "$stage/$name/lib/bent.jar" "$stage/$name/lib/bent.jsa"
# Modification times stay: the archive is valid only for the jar with the time it recorded.
tar -czf "$target/$name-linux-x64.tar.gz" -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner "$name"
rm -rf "$stage"
