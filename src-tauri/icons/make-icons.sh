#!/usr/bin/env bash
# Draws Ladder's icon (a white ladder on the accent colour) with ImageMagick, at every
# size the shell uses. The PNGs are committed; run this only to change the icon.
set -euo pipefail
cd "$(dirname "$0")"
accent='#2f5bd3'
magick=convert
command -v magick >/dev/null && magick=magick
$magick -size 1024x1024 xc:none \
  -fill "$accent" -draw "roundrectangle 64,64 960,960 200,200" \
  -stroke white -strokewidth 72 -fill none \
  -draw "line 360,200 360,824" -draw "line 664,200 664,824" \
  -strokewidth 56 \
  -draw "line 360,330 664,330" -draw "line 360,470 664,470" \
  -draw "line 360,610 664,610" -draw "line 360,750 664,750" \
  icon-1024.png
for s in 32 128 256 512; do $magick icon-1024.png -resize ${s}x${s} PNG32:${s}x${s}.png; done
cp 256x256.png 128x128@2x.png
cp 512x512.png icon.png
rm icon-1024.png 256x256.png 512x512.png
