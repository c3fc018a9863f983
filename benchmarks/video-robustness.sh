#!/usr/bin/env bash
# Video watermark robustness figures through the CLI, as a platform would meet them: a 20 s 1280x720 clip
# (a real photo panned, with audio) is marked with `aigc mark` (default backend and encoder), then attacked with
# the real ffmpeg and judged with `aigc verify --json`. Prints one row per attack: the payload found or not, the
# detector's confidence, how many frames (and keyframes) it decoded, and the wall time of the verify.
#
#   benchmarks/video-robustness.sh [work-dir]
#
# Needs ffmpeg, python3 and the shared photos (../shared/vectors/photos). Deterministic: fixed inputs, fixed
# settings, no randomness; only the times vary between runs.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/aigc-video-robustness.XXXXXX)}"
mkdir -p "$work"
photo="$root/../shared/vectors/photos/truepic-20230212-landscape.jpg"
[ -f "$photo" ] || { echo "needs $photo (the shared vectors)" >&2; exit 2; }
home="$work/home"
ff=(ffmpeg -v error -y)

still="$work/still.png" # scaled once: decoding the 12 MP JPEG for each of 500 frames takes minutes
[ -f "$still" ] || "${ff[@]}" -i "$photo" -vf scale=1600:-2 "$still"
in="$work/original.mp4"
[ -f "$in" ] || "${ff[@]}" -loop 1 -framerate 25 -i "$still" -f lavfi -i sine=frequency=440:sample_rate=48000 \
    -t 20 -vf "crop=1280:720:x='t*12':y='t*6',format=yuv420p" \
    -c:v libx264 -preset veryfast -crf 20 -g 50 -c:a aac -b:a 96k "$in"
[ -f "$work/marked.mp4" ] || "$root/aigc" mark "$in" -o "$work/marked.mp4" --home "$home" >/dev/null

attack() { # name, ffmpeg arguments around the input (-i IN); kept from an earlier run in the same work dir
  local name="$1"; shift
  [ -f "$work/$name.mp4" ] && return
  local args=() a
  for a in "$@"; do [ "$a" = IN ] && args+=("$work/marked.mp4") || args+=("$a"); done
  "${ff[@]}" "${args[@]}" "$work/$name.mp4"
}
attack crf35        -i IN -c:v libx264 -crf 35 -c:a copy
attack half-size    -i IN -vf scale=iw/2:ih/2 -c:v libx264 -crf 23 -c:a copy
attack excerpt-10s  -ss 5 -t 10 -i IN -c:v libx264 -crf 23 -c:a copy
attack excerpt-2s   -ss 3 -t 2 -i IN -c:v libx264 -crf 23 -c:a copy
attack fps-15       -i IN -r 15 -c:v libx264 -crf 23 -c:a copy
attack all-three    -ss 5 -t 10 -i IN -vf scale=iw/2:ih/2 -c:v libx264 -crf 35 -c:a copy

printf '| file | payload | confidence | best PNR | frames decoded (keyframes) | verify s |\n|---|---|---|---|---|---|\n'
for name in marked crf35 half-size excerpt-10s excerpt-2s fps-15 all-three original; do
  f="$work/$name.mp4"; [ "$name" = original ] && f="$in"
  t0=$(date +%s.%N)
  "$root/aigc" verify --json --home "$home" "$f" > "$work/$name.json" || true
  t1=$(date +%s.%N)
  python3 - "$name" "$t0" "$t1" "$work/$name.json" <<'EOF'
import json, sys
name, t0, t1, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
marks = [m for r in json.load(open(path))["reports"] for m in r.get("marks", []) if m.get("kind") == "watermark"]
if not marks:
    print(f"| {name} | none | | | | {t1 - t0:.1f} |")
else:
    m = marks[0]
    print(f"| {name} | {m.get('payload')} | {m.get('confidence')} | {m.get('bestPnr')} |"
          f" {m.get('framesRead')} ({m.get('keyframesRead')}) | {t1 - t0:.1f} |")
EOF
done
