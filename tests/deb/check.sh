#!/usr/bin/env bash
# Builds the Linux .deb and shows that it installs and runs.
#
#   tests/deb/check.sh            build the .deb, check its contents, install it on this machine with
#                                 apt-get, run the installed app under Xvfb, then remove it again
#   tests/deb/check.sh --chroot   the same, but install into a fresh Debian root made by debootstrap
#                                 (proves the package's Depends are enough on a clean system)
#   NO_BUILD=1 tests/deb/check.sh reuse the .deb already in target/release/bundle/deb
#
# Needs root (apt-get, dpkg, chroot). Leaves nothing installed that it did not find installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

say() { printf '\n==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

mode=host
[ "${1:-}" = "--chroot" ] && mode=chroot

conf=src-tauri/tauri.conf.json
json() { node -e "const c=require('./$conf'); console.log($1)"; }
product=$(json 'c.productName')
version=$(json 'c.version')
package=sanctuary-portfolio      # the binary's name, which Tauri uses for the package and the command
arch=$(dpkg --print-architecture)

if [ -z "${NO_BUILD:-}" ]; then
  say "Building the interface and the .deb (release build)"
  (cd ui && npx vite build --logLevel warn)
  ui/node_modules/.bin/tauri build --bundles deb
fi
deb="target/release/bundle/deb/${product}_${version}_${arch}.deb"
[ -f "$deb" ] || fail "no package at $deb"

say "Checking the package: $deb"
info=$(dpkg-deb --info "$deb")
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = "$package" ] || fail "package name is $(field Package), expected $package"
[ "$(field Version)" = "$version" ] || fail "version is $(field Version), expected $version (tauri.conf.json)"
[ "$(field Architecture)" = "$arch" ] || fail "architecture is $(field Architecture)"
field Depends | grep -q 'libwebkit2gtk-4.1-0' || fail "Depends does not name the WebKitGTK runtime: $(field Depends)"
field Depends | grep -q 'libgtk-3-0' || fail "Depends does not name GTK 3: $(field Depends)"
field Depends | grep -q 'fonts-noto-core' || fail "Depends does not name the Noto fonts (Ethiopic, Indic, Thai...): $(field Depends)"
field Depends | grep -q 'fonts-noto-cjk' || fail "Depends does not name the Noto CJK fonts: $(field Depends)"
[ -n "$(field Description)" ] || fail "no description"
[ "$(field Section)" = education ] || fail "section is '$(field Section)', expected education"
contents=$(dpkg-deb --contents "$deb")
for path in "usr/bin/$package" "usr/share/applications/$product.desktop" \
            "usr/share/icons/hicolor/32x32/apps/$package.png" "usr/share/icons/hicolor/128x128/apps/$package.png" \
            "usr/share/icons/hicolor/64x64/apps/$package.png" "usr/share/icons/hicolor/512x512/apps/$package.png" \
            "usr/share/doc/$package/copyright"; do
  # dpkg-deb lists paths with or without a leading ./ depending on how the archive was made.
  grep -qE " (\./)?$path\$" <<<"$contents" || fail "the package lacks $path"
done
# Nothing outside /usr: no config files in /etc, no files in home folders.
outside=$(grep -vE ' (\./)?(usr(/.*)?)?$' <<<"$contents" || true)
if [ -n "$outside" ]; then
  fail "files outside /usr: $outside"
fi
work=$(mktemp -d -t sanctuary-deb-XXXXXX)
trap 'rm -rf "$work"' EXIT
dpkg-deb --extract "$deb" "$work/x"
desktop="$work/x/usr/share/applications/$product.desktop"
grep -qx "Exec=$package" "$desktop" || fail "the menu entry does not start $package: $(cat "$desktop")"
grep -qx "Icon=$package" "$desktop" || fail "the menu entry has no icon"
grep -qx "Name=$product" "$desktop" || fail "the menu entry is not called $product"
grep -q '^Categories=.*Education' "$desktop" || fail "the menu entry is not under Education"
file -b "$work/x/usr/bin/$package" | grep -q 'ELF 64-bit' || fail "the binary is not an executable"
# The release binary carries the interface inside it (no dev server, no files next to it).
grep -q -a 'Sanctuary Portfolio' "$work/x/usr/bin/$package" || fail "the pages are not embedded"
grep -q '^License: MIT' "$work/x/usr/share/doc/$package/copyright" || fail "the copyright file does not give the licence"
json 'c.bundle.license' | grep -qx MIT || fail "tauri.conf.json's licence is not MIT, but the copyright file says MIT"
# Every icon is drawn from icons/source.png: making them again from it gives the same pixels.
ui/node_modules/.bin/tauri icon icons/source.png -o "$work/icons" >/dev/null 2>&1
for icon in 32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png; do
  [ "$(compare -metric AE "icons/$icon" "$work/icons/$icon" null: 2>&1)" = 0 ] || fail "icons/$icon is not made from icons/source.png (run: tauri icon icons/source.png -o icons)"
done
echo "package $package $version ($arch), $(du -h "$deb" | cut -f1), depends: $(field Depends)"

run_app_check() {
  # $1: how to run a command where the package is installed (empty for this machine, "chroot DIR" for the root)
  local in=("$@") data shot log pid
  data=$(${in[@]+"${in[@]}"} mktemp -d -t sanctuary-data-XXXXXX)
  log="$work/app.log"
  # Every shared library the program needs is there once its Depends are installed.
  missing=$(${in[@]+"${in[@]}"} ldd "/usr/bin/$package" | grep 'not found' || true)
  [ -z "$missing" ] || fail "libraries missing after installing the package: $missing"
  shot="$work/window.png"
  say "Starting the installed app under Xvfb with SANCTUARY_DATA_DIR=$data"
  # Its own Xvfb so that the screenshot shows only this window; the app runs until the check ends it.
  ${in[@]+"${in[@]}"} env SANCTUARY_DATA_DIR="$data" xvfb-run -a -s "-screen 0 1280x900x24" sh -c "
      /usr/bin/$package & app=\$!
      for i in \$(seq 1 60); do
        if xwininfo -root -tree 2>/dev/null | grep -q '\"$product\"'; then break; fi
        sleep 1
      done
      # The window is mapped; give the page a moment to load and ask for the school (that opens the store).
      for i in \$(seq 1 30); do [ -f '$data/sanctuary.db' ] && break; sleep 1; done
      sleep 2
      xwininfo -root -tree | grep '\"$product\"' || echo 'NO WINDOW'
      import -window root /tmp/sanctuary-window.png
      kill \$app; wait \$app 2>/dev/null || true
  " >"$log" 2>&1 || true
  cat "$log"
  grep -q 'NO WINDOW' "$log" && fail "the window did not appear"
  grep -q "\"$product\"" "$log" || fail "the window did not appear"
  ${in[@]+"${in[@]}"} test -f "$data/sanctuary.db" || fail "the app did not create its database in SANCTUARY_DATA_DIR ($data)"
  if [ ${#in[@]} -gt 0 ]; then cp "${in[1]}/tmp/sanctuary-window.png" "$shot"; else cp /tmp/sanctuary-window.png "$shot"; fi
  mkdir -p "$repo/target/deb-check"
  cp "$shot" "$repo/target/deb-check/window-$mode.png"
  # A blank screen is one colour; the app's window has the dark navigation, the page and text.
  colours=$(convert "$shot" -format '%k' info: 2>/dev/null || echo 0)
  [ "$colours" -gt 20 ] || fail "the screenshot is blank ($colours colours)"
  echo "window up; database created; screenshot target/deb-check/window-$mode.png ($colours colours)"
}

if [ "$mode" = host ]; then
  was_installed=no
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" && was_installed=yes
  [ "$was_installed" = yes ] && fail "$package is already installed here; remove it first (this check installs and removes it)"
  say "Installing with apt-get (which also installs what Depends names)"
  as_root apt-get install -y -qq "./$deb" >/dev/null
  trap 'as_root apt-get remove -y -qq '"$package"' >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  dpkg -s "$package" | grep -q '^Status: install ok installed' || fail "not installed"
  [ "$(command -v $package)" = "/usr/bin/$package" ] || fail "$package is not on PATH"
  run_app_check
  if [ -n "${WEBDRIVER:-1}" ] && command -v tauri-driver >/dev/null; then
    say "End-to-end tests against the installed binary (/usr/bin/$package)"
    E2E_APP=/usr/bin/$package xvfb-run -a -s "-screen 0 1280x900x24" \
      node --test --test-concurrency=1 --test-timeout=240000 tests/e2e/security.test.mjs
  fi
  say "Removing the package"
  as_root apt-get remove -y -qq "$package" >/dev/null
  [ ! -e "/usr/bin/$package" ] || fail "/usr/bin/$package is still there after removal"
  trap 'rm -rf "$work"' EXIT
else
  command -v debootstrap >/dev/null || as_root apt-get install -y -qq debootstrap >/dev/null
  root="$work/root"
  suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
  say "Making a fresh $suite root with debootstrap (minbase)"
  as_root debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; fail "debootstrap failed"; }
  trap 'for m in proc sys dev; do as_root umount -l "$root/$m" 2>/dev/null || true; done; as_root rm -rf "$work"' EXIT
  for m in proc sys dev; do as_root mount --bind "/$m" "$root/$m"; done
  cp "$deb" "$root/tmp/"
  say "Installing the .deb in the fresh root (its Depends only, no Recommends, plus Xvfb and tools to look)"
  as_root chroot "$root" apt-get update -qq
  as_root chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" xvfb xauth x11-utils imagemagick >/dev/null
  as_root chroot "$root" dpkg -s "$package" | grep -q '^Status: install ok installed' || fail "not installed in the fresh root"
  run_app_check chroot "$root"
fi
say "The .deb installs and runs ($mode)"
