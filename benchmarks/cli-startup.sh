#!/usr/bin/env bash
# CLI start-up: `aigc verify small.txt` (a 6-byte text file) beside its floors, all alternated in one run so a loaded
# machine moves every figure alike. Prints wall and CPU (user + system) time, median and range, per command:
#   benchmarks/cli-startup.sh [ROUNDS] [BASE]    (BASE: another checkout with a built jar, e.g. the commit before a change)
# Floors: `java -version`, and a hello world on this jar's class path mapped from its own -Xshare:dump archive.
# Each command also runs under SCHED_FIFO (`chrt -f 10`, root only) where it never waits for a core: the wall time a
# quiet machine would show, on a machine shared with other work. The first run of each launcher writes its archive.
set -euo pipefail
rounds="${1:-10}"
base="${2:-}"
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'hello\n' > small.txt
jar="$root/verifier-cli/target/aigc.jar"
"$root/aigc" verify small.txt > /dev/null || true          # builds the jar and writes the archive if needed
[ -z "$base" ] || "$base/aigc" verify small.txt > /dev/null || true
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > Hello.java
javac -d . Hello.java && jar cf hello.jar Hello.class
java -XX:DumpLoadedClassList=hello.classlist -cp "$jar:$work/hello.jar" Hello > /dev/null
java -Xshare:dump -XX:SharedClassListFile=hello.classlist -XX:SharedArchiveFile=hello.jsa -cp "$jar:$work/hello.jar" > /dev/null 2>&1
hello=(java -Xshare:on -XX:SharedArchiveFile="$work/hello.jsa" -Xlog:disable -XX:+UseSerialGC -XX:TieredStopAtLevel=1
    -cp "$jar:$work/hello.jar" Hello)
fifo=()
chrt -f 10 true 2> /dev/null && fifo=("chrt -f 10")
: > times.txt
for _ in $(seq "$rounds"); do
  for p in "" "${fifo[@]}"; do
    tag=${p:+fifo }
    [ -z "$base" ] || /usr/bin/time -f "${tag}base-verify %e %U %S" -a -o times.txt $p "$base/aigc" verify small.txt > /dev/null || true
    /usr/bin/time -f "${tag}verify %e %U %S" -a -o times.txt $p "$root/aigc" verify small.txt > /dev/null || true
    /usr/bin/time -f "${tag}java-version %e %U %S" -a -o times.txt $p java -version 2> /dev/null
    /usr/bin/time -f "${tag}hello-cds %e %U %S" -a -o times.txt $p "${hello[@]}" > /dev/null
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $rounds rounds"
grep -v "exited with" times.txt | sed 's/^fifo /fifo-/' | awk '{print $1, $2, $3 + $4}' | sort -k1,1 -k2n | awk '
  function med(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  $1 != k { if (k != "") out(); k = $1; n = 0 }
  { n++; w[n] = $2; c[n] = $3 }
  function out(   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (c[j] < c[i]) { t = c[i]; c[i] = c[j]; c[j] = t }
    printf "%-18s wall %.2f s (%.2f-%.2f)   cpu %.2f s (%.2f-%.2f)\n", k, med(w, n), w[1], w[n], med(c, n), c[1], c[n]
  }
  END { out() }'
