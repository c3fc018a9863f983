#!/usr/bin/env bash
# How the Vorbis re-encode's rate tracks the original's (issue 19): each host of benchmarks/audio-robustness.sh's work
# directory (its 30 s mono hosts: run that script once first) is encoded to a stereo Ogg Vorbis by libvorbis at each
# quality asked, marked by `aigc mark`, and the stream means of both files are printed (ffprobe's packets: bytes over
# their durations, so container and tags do not count), with whether verify reads the payload and the quality our
# encoder chose.
#   AIGC_JAR=verifier-cli/target/aigc.jar benchmarks/vorbis-rate.sh DIR [host...]   (default: music speech pink)
set -euo pipefail
dir=${1:?the work directory of benchmarks/audio-robustness.sh}
shift
hosts=("$@")
[ ${#hosts[@]} -gt 0 ] || hosts=(music speech pink)
jar=${AIGC_JAR:?AIGC_JAR=path/to/aigc.jar}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mean() {
  ffprobe -v error -select_streams a:0 -show_entries packet=size,duration_time -of csv=p=0 "$1" |
    awk -F, 'NF >= 2 && $1 != "N/A" { s += $1; b += $2 } END { printf "%.1f", b * 8 / s / 1000 }'
}
for h in "${hosts[@]}"; do
  for q in 1 4; do
    ffmpeg -v error -y -i "$dir/$h.wav" -ac 2 -c:a libvorbis -q:a "$q" "$out/$h-q$q.ogg"
    java -jar "$jar" mark "$out/$h-q$q.ogg" -o "$out/$h-q$q.marked.ogg" > "$out/log" 2>&1
    found=$(java -jar "$jar" verify "$out/$h-q$q.marked.ogg" 2>&1 | grep -c "wm.audio.found" || true)
    echo "$h q$q: original $(mean "$out/$h-q$q.ogg") kb/s, marked $(mean "$out/$h-q$q.marked.ogg") kb/s," \
      "payload found: $found; $(grep -o 'quality [0-9.]*' "$out/log" || echo 'default quality')"
  done
done
