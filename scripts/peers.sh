#!/usr/bin/env bash
# Peers side by side: what `aigc` costs per file beside the tools users would otherwise pick, each only
# where installed: exiftool (metadata read and write), ffmpeg (decode and re-encode baselines), the C2PA
# reference reader (c2pa-rs under Node: manifest read and sign). Wall time per file with hyperfine
# (median of --runs), so JVM start-up is in aigc's figures as it is in a user's.
#   scripts/peers.sh [--runs N] [FILE...]       (default: a 1080p and a 12 MP JPEG from ../shared photos)
# Results: Markdown on stdout and in target/peers/peers.md. Runs at nice 10; note the load it prints.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs=5
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) files+=("$(readlink -f "$1")"); shift ;;
  esac
done
have() { command -v "$1" >/dev/null 2>&1; }
have hyperfine || { echo "peers: hyperfine is needed (apt-get install hyperfine)" >&2; exit 70; }
out="$root/target/peers"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
aigc="$root/aigc"
"$aigc" --version >/dev/null   # builds the CLI jar once, outside the timings

# The C2PA reference: $AIGC_C2PA_PEER (as .ci/run sets it); else a copy of ../shared/tools/c2pa-peer installed
# once into target/peers/c2pa-peer exactly as .ci/run installs it (npm ci, or npm install when the lock file
# lacks the optional per-platform entries), reused by later runs.
peer="${AIGC_C2PA_PEER:-}"
if [ -z "$peer" ] && have node && have npm; then
  for d in "$root/../shared/tools/c2pa-peer" "$root/../../shared/tools/c2pa-peer"; do
    [ -d "$d" ] || continue
    cached="$out/c2pa-peer"
    if [ ! -d "$cached/node_modules" ]; then
      echo "peers: installing the C2PA reference reader in $cached" >&2
      rm -rf "$cached" && mkdir -p "$cached"
      (cd "$d" && tar --exclude=node_modules -cf - .) | (cd "$cached" && tar -xf -)
      (cd "$cached" && { npm ci --no-audit --no-fund --loglevel=error </dev/null >&2 \
                         || npm install --no-audit --no-fund --loglevel=error </dev/null >&2; }) || rm -rf "$cached"
    fi
    [ -d "$cached/node_modules" ] && peer="$cached"
    break
  done
fi
[ -n "$peer" ] && have node || peer=""
[ -n "$peer" ] || echo "peers: the C2PA reference reader is not available (no node/npm or ../shared); its rows are skipped" >&2

if [ ${#files[@]} -eq 0 ]; then
  photos=""
  for d in "$root/../shared/vectors/photos" "$root/../../shared/vectors/photos"; do
    [ -d "$d" ] && photos="$d" && break
  done
  [ -n "$photos" ] || { echo "peers: give files, or put ../shared next to the checkout" >&2; exit 64; }
  have ffmpeg || { echo "peers: ffmpeg is needed to make the default inputs" >&2; exit 70; }
  ffmpeg -v error -y -i "$photos/truepic-20230212-landscape.jpg" \
    -vf "scale=1920:1080:force_original_aspect_ratio=increase,crop=1920:1080" -q:v 3 -map_metadata -1 "$work/photo-1080p.jpg"
  ffmpeg -v error -y -i "$photos/truepic-20230212-landscape.jpg" -q:v 3 -map_metadata -1 "$work/photo-12mp.jpg"
  files=("$work/photo-1080p.jpg" "$work/photo-12mp.jpg")
fi

export AIGC_HOME="$work/home"
report="$out/peers.md"
{
  echo "# Peers, per file (hyperfine median of $runs runs, wall time incl. start-up)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs), load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$report"

for f in "${files[@]}"; do
  name="$(basename "$f")"
  ext="${name##*.}"
  marked="$work/marked-$name"
  "$aigc" mark "$f" -o "$marked" --c2pa >/dev/null 2>&1 || "$aigc" mark "$f" -o "$marked" >/dev/null
  cmds=(-n "aigc verify (marked)" "$aigc verify $marked"
        -n "aigc mark (label+watermark+visible)" "$aigc mark $f -o $work/again.$ext"
        -n "aigc inspect (metadata only)" "$aigc inspect $marked")
  have exiftool && cmds+=(-n "exiftool read XMP" "exiftool -XMP:all $marked"
                          -n "exiftool write XMP" "exiftool -q -overwrite_original -o $work/exif.$ext -XMP-dc:Description=AI $f")
  have ffmpeg && cmds+=(-n "ffmpeg decode" "ffmpeg -v error -i $f -f null -"
                        -n "ffmpeg decode+encode" "ffmpeg -v error -y -i $f -q:v 3 $work/ff.$ext")
  [ -n "$peer" ] && cmds+=(-n "C2PA reference read" "node $peer/read.mjs $marked"
                           -n "C2PA reference sign" "node $peer/sign.mjs $f $work/signed.$ext es256 $peer/manifest-ai.json")
  {
    echo
    echo "## $name ($(stat -c %s "$f") bytes)"
    echo
  } >> "$report"
  nice -n 10 hyperfine -N --style none --warmup 1 --runs "$runs" --ignore-failure --prepare "rm -f $work/again.$ext" \
    --export-markdown "$work/table.md" "${cmds[@]}" >&2
  cat "$work/table.md" >> "$report"
done
echo >> "$report"
echo "Load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$report"
cat "$report"
