#!/usr/bin/env bash
# The video watermark read from Matroska and WebM through the CLI, and the time `aigc verify` takes on a
# 10-minute clip in MP4 and in MKV (same packets, `-c copy`), in the same run. Prints a Markdown table.
# Usage: benchmarks/video-matroska-verify.sh [WORK_DIR]   (after `mvn -B -q -DskipTests package`)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/aigc-video-mkv.XXXXXX)}"
mkdir -p "$work"
home="$work/home"
ff=(ffmpeg -nostdin -v error -y)

in="$work/original.mp4"
[ -f "$in" ] || "${ff[@]}" -f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 \
    -t 10 -c:v libx264 -preset veryfast -pix_fmt yuv420p -g 50 -c:a aac -b:a 64k "$in"
[ -f "$work/marked.mp4" ] || "$root/aigc" mark "$in" -o "$work/marked.mp4" --home "$home" >/dev/null
[ -f "$work/marked.mkv" ] || "${ff[@]}" -i "$work/marked.mp4" -c copy "$work/marked.mkv"
[ -f "$work/marked-vp9.webm" ] || "${ff[@]}" -i "$work/marked.mp4" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 \
    -b:v 1500k -c:a libopus "$work/marked-vp9.webm"
[ -f "$work/original-vp9.webm" ] || "${ff[@]}" -i "$in" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 \
    -b:v 1500k -c:a libopus "$work/original-vp9.webm"
if [ ! -f "$work/long.mkv" ]; then # 10 minutes: the marked clip 60 times, packets copied
  for i in $(seq 60); do echo "file '$work/marked.mp4'"; done > "$work/list.txt"
  "${ff[@]}" -f concat -safe 0 -i "$work/list.txt" -c copy "$work/long.mp4"
  "${ff[@]}" -i "$work/long.mp4" -c copy "$work/long.mkv"
fi

printf '| file | payload | confidence | frames decoded (keyframes) | verify s |\n|---|---|---|---|---|\n'
for name in marked.mp4 marked.mkv marked-vp9.webm original-vp9.webm long.mp4 long.mkv; do
  t0=$(date +%s.%N)
  "$root/aigc" verify --json --home "$home" "$work/$name" > "$work/$name.json" || true
  t1=$(date +%s.%N)
  python3 - "$name" "$t0" "$t1" "$work/$name.json" <<'PY'
import json, sys
name, t0, t1, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
marks = [m for r in json.load(open(path))["reports"] for m in r.get("marks", []) if m.get("kind") == "watermark"]
if not marks:
    print(f"| {name} | none | | | {t1 - t0:.1f} |")
else:
    m = marks[0]
    print(f"| {name} | {m.get('payload')} | {m.get('confidence')} | {m.get('framesRead')} ({m.get('keyframesRead')}) | {t1 - t0:.1f} |")
PY
done
