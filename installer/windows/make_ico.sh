#!/usr/bin/env bash
# Regenerates installer/windows/switchboard.ico from the application icon
# resources/icons/switchboard.svg. Run it after changing the SVG and commit
# both files; the Windows build uses the committed .ico and needs no SVG tools.
# Needs rsvg-convert and icotool (Debian: librsvg2-bin icoutils; MSYS2:
# mingw-w64-x86_64-librsvg and icoutils).
# Sizes: what Explorer, the taskbar, the Start menu and Add/Remove Programs
# ask for at 100-200 % scaling; 64 and up are stored as PNG (Vista and later).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
svg="$root/resources/icons/switchboard.svg"
out="$root/installer/windows/switchboard.ico"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pngs=()
for size in 16 20 24 32 40 48; do
  rsvg-convert -w "$size" -h "$size" -o "$tmp/$size.png" "$svg"
  pngs+=("$tmp/$size.png")
done
raws=()
for size in 64 128 256; do
  rsvg-convert -w "$size" -h "$size" -o "$tmp/$size.png" "$svg"
  raws+=("--raw=$tmp/$size.png")
done
icotool --create --output="$out" "${pngs[@]}" "${raws[@]}"
echo "wrote $out"
