#!/usr/bin/env bash
# Against the world (docs/robustness.md): files made by the real tools (cwebp, exiftool, ffmpeg), then marked by us,
# damaged N ways each from one seed, and verified by the built CLI in one batch per base file. A finding: an exit
# of 70 (internal error), asset.codecFailed, a file's report missing, a line on stderr, or a batch past N x 10 s.
#   scripts/world-mutants.sh [mutants per base file, default 200] [seed, default 20261205]
# Needs verifier-cli/target/aigc.jar (mvn -B -o -q -DskipTests package) or AIGC_JAR=path. Work and reports in target/world-mutants/.
set -euo pipefail
n=${1:-200}; seed=${2:-20261205}
cd "$(dirname "$0")/.."
jar=${AIGC_JAR:-$(pwd)/verifier-cli/target/aigc.jar}
w=$(pwd)/target/world-mutants; rm -rf "$w"; mkdir -p "$w/base" "$w/home"
aigc() { nice -n 19 java -Xmx512m -jar "$jar" "$@"; }
b=$w/base
ffmpeg -nostdin -v error -f lavfi -i testsrc=size=160x120:rate=10 -t 1 -pix_fmt yuv420p -c:v libx264 "$b/ffmpeg.mp4"
ffmpeg -nostdin -v error -f lavfi -i testsrc=size=160x120:rate=10 -t 1 -c:v mpeg4 "$b/ffmpeg.mov"
ffmpeg -nostdin -v error -f lavfi -i testsrc=size=160x120 -frames:v 1 "$b/src.png"
cwebp -quiet "$b/src.png" -o "$b/cwebp.webp"
cwebp -quiet -lossless -metadata all "$b/src.png" -o "$b/cwebp-lossless.webp"
ffmpeg -nostdin -v error -i "$b/src.png" "$b/exiftool.jpg"
cp "$b/src.png" "$b/exiftool.png"
exiftool -q -overwrite_original -XMP-dc:Description="made by exiftool" -XMP-xmp:CreatorTool=exiftool \
    "$b/exiftool.jpg" "$b/exiftool.png" "$b/ffmpeg.mp4"
rm "$b/src.png"
for f in "$b"/*; do
  aigc mark --home="$w/home" --no-watermark "$f" -o "$w/marked-$(basename "$f")" >/dev/null 2>&1 \
    || aigc mark --home="$w/home" --no-watermark --no-explicit "$f" -o "$w/marked-$(basename "$f")" >/dev/null
done
status=0
for f in "$w"/marked-*; do
  name=$(basename "$f"); d=$w/mutants-$name; mkdir -p "$d"
  python3 - "$f" "$d" "$n" "$seed" <<'PY'
import os, random, struct, sys
src, out, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
data = open(src, 'rb').read()
r = random.Random(f"{seed}:{os.path.basename(src)}")
ext = os.path.splitext(src)[1]
for i in range(n):
    f = bytearray(data)
    kind = i % 5
    if kind == 0:                      # a few random bytes
        for _ in range(1 + r.randrange(8)):
            f[r.randrange(len(f))] = r.randrange(256)
    elif kind == 1:                    # truncated
        f = f[:r.randrange(len(f))]
    elif kind == 2:                    # a 32-bit length-like field set to an extreme
        at = r.randrange(len(f) - 4)
        f[at:at + 4] = struct.pack('>I', r.choice([0, 1, 7, 8, 0x7fffffff, 0xffffffff, len(f), len(f) * 2]))
    elif kind == 3:                    # a run of bytes duplicated
        at = r.randrange(len(f)); ln = r.randrange(1, 512)
        f[at:at] = f[at:at + ln]
    else:                              # a run of bytes removed
        at = r.randrange(len(f)); del f[at:at + r.randrange(1, 512)]
    open(os.path.join(out, f"m{i:03d}{ext}"), 'wb').write(bytes(f))
PY
  start=$(date +%s)
  set +e
  /usr/bin/time -f "%e s wall %U s user %M KB" -o "$w/$name.time" \
      timeout $((n * 10 + 120)) nice -n 19 java -Xmx512m -jar "$jar" verify --jsonl "$d"/* >"$w/$name.jsonl" 2>"$w/$name.err"
  rc=$?
  set -e
  python3 - "$w/$name.jsonl" "$n" "$name" "$rc" "$(cat "$w/$name.time" | tail -1)" "$w/$name.err" <<'PY' || status=1
import json, sys, collections
path, n, name, rc, t, err = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
stderr = open(err).read().strip()
reports = [d for d in (json.loads(l) for l in open(path) if l.strip()) if 'file' in d]
def codes_of(x):
    if isinstance(x, dict):
        if 'code' in x:
            yield x['code'], x.get('message')
        for v in x.values():
            yield from codes_of(v)
    elif isinstance(x, list):
        for v in x:
            yield from codes_of(v)
states = collections.Counter(r['state'] for r in reports)
exits = collections.Counter(r['exitCode'] for r in reports)
codes = collections.Counter()
bad = []
for r in reports:
    for c, m in codes_of(r):
        codes[c] += 1
        if c == 'asset.codecFailed':
            bad.append((r['file'], m))
    if r['exitCode'] not in (0, 1, 3, 4):
        bad.append((r['file'], 'exit %d' % r['exitCode']))
if stderr:
    bad.append(('stderr', stderr.splitlines()[0]))
ok = rc in (0, 1, 3, 4) and len(reports) == n and not bad
print(f"{name}: {len(reports)}/{n} reports, batch exit {rc}, {t}; states {dict(states)}; exits {dict(exits)}; "
      f"asset.timeout {codes.get('asset.timeout', 0)}; findings {len(bad)}{' ' + str(bad[:3]) if bad else ''}"
      f" -> {'ok' if ok else 'FINDING'}")
sys.exit(0 if ok else 1)
PY
done
exit $status
