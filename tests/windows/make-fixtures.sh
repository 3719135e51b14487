#!/usr/bin/env bash
# Makes the two cross-system backups in tests/fixtures (see tests/fixtures/README.md):
#   made-on-linux.sanctuary    by the Linux CLI, from drawn pictures whose names Windows forbids
#   made-on-windows.sanctuary  by the Windows CLI under Wine (needs `tests/windows/check.sh tests` first,
#                              for the cross-built sanctuary.exe and the Wine prefix)
#
#   tests/windows/make-fixtures.sh linux|windows
#
# Needs ImageMagick (`convert`) to draw the pictures. The files it writes are committed; CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
work=$(mktemp -d -t sanctuary-fixtures-XXXXXX)
trap 'rm -rf "$work"' EXIT

case "${1:-}" in
  linux)
    # The same build as `./run test`, so a developer's warm target is reused.
    cargo build -q --workspace --features sanctuary-app/custom-protocol
    mkdir -p "$work/in"
    cd "$work/in"
    convert -size 64x48 gradient:skyblue-white "png:CON.png"
    convert -size 64x48 gradient:orange-yellow "png:Refugee Week: what we did?.png"
    convert -size 64x48 gradient:green-white 'png:Y6\Term 2 ✓.png'
    convert -size 64x48 gradient:purple-pink -quality 80 'jpg:"Welcome" <board> | hall*.jpg'
    convert -size 64x48 gradient:red-white -quality 80 "jpg:trip photo."
    convert -size 64x48 gradient:gray-white "png:welcome wall "
    cd "$repo"
    ./target/debug/sanctuary --data-dir "$work/data" evidence add "$work/in"/*
    rm -f tests/fixtures/made-on-linux.sanctuary
    ./target/debug/sanctuary --data-dir "$work/data" backup --no-passphrase --out tests/fixtures/made-on-linux.sanctuary
    ;;
  windows)
    export WINEPREFIX="$repo/target/windows/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
    unset DISPLAY WAYLAND_DISPLAY
    exe="$repo/target/x86_64-pc-windows-gnu/release/sanctuary.exe"
    [ -f "$exe" ] || { echo "no $exe: run tests/windows/check.sh tests first"; exit 1; }
    mkdir -p "$work/in"
    convert -size 64x48 gradient:teal-white "png:$work/in/Taith i'r amgueddfa.png"
    convert -size 64x48 gradient:navy-gold -quality 80 "jpg:$work/in/Wythnos Ffoaduriaid – llun 1.jpg"
    data='C:\users\root\Documents\Ysgol Aber\data'
    wine "$exe" --data-dir "$data" evidence add "$(winepath -w "$work/in/Taith i'r amgueddfa.png")" \
      "$(winepath -w "$work/in/Wythnos Ffoaduriaid – llun 1.jpg")"
    rm -f tests/fixtures/made-on-windows.sanctuary
    wine "$exe" --data-dir "$data" backup --no-passphrase --out "$(winepath -w "$repo/tests/fixtures/made-on-windows.sanctuary")"
    rm -rf "$(winepath -u "$data")"
    ;;
  *) echo "usage: tests/windows/make-fixtures.sh linux|windows"; exit 2 ;;
esac
