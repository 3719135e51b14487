#!/usr/bin/env bash
# Builds Sanctuary Portfolio for Windows on this Linux machine and shows that it works there, under Wine.
#
#   tests/windows/check.sh tests [FILTER]   cross-build the core and CLI tests and run them under Wine
#                                           (FILTER as for `cargo test`, e.g. `bundle::`)
#   tests/windows/check.sh installer        cross-build the app and the CLI, make the per-user installer,
#                                           install it silently under Wine, use the installed CLI
#                                           (demo, export, backup, restore), uninstall, check the data stays
#   tests/windows/check.sh all              both (the default)
#
# Installs what it needs (Debian's mingw-w64, wine64, nsis, qpdf; rustup's x86_64-pc-windows-gnu
# target). Everything it makes is under target/: the Windows build in target/x86_64-pc-windows-gnu/release,
# a Wine prefix of its own in target/windows/wine, the installer in target/windows/. Builds run under
# `nice` so that the machine stays usable. Prints how long each step took.
#
# Wine is not Windows: it has no WebView2 Runtime (so the window is tested on Linux only) and Wine 8 lacks
# bcryptprimitives.dll, which Rust programs import; a stand-in built here (bcryptprimitives.c) goes in
# the prefix only, never in the installer.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

mode=${1:-all}
filter=${2:-}
case "$mode" in tests|installer|all) ;; *) echo "usage: tests/windows/check.sh tests [FILTER] | installer | all"; exit 2 ;; esac

say() { printf '\n==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
timings=()
started=$(date +%s)
step_start=$started
timed() { # timed LABEL: records the time since the previous mark
  local now; now=$(date +%s)
  timings+=("$(printf '%-58s %5ss' "$1" $((now - step_start)))")
  step_start=$now
}

target=x86_64-pc-windows-gnu
out="$repo/target/$target/release"
work="$repo/target/windows"
mkdir -p "$work"

# --- tools -------------------------------------------------------------------------------------------
need=()
command -v npm >/dev/null || need+=(nodejs npm)
for p in mingw-w64 wine64 nsis qpdf poppler-utils cmake nasm; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  say "Installing ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! rustup target list --installed | grep -qx "$target"; then
  say "Adding the Rust target $target"
  rustup target add "$target"
fi
timed "tools (apt-get, rustup target)"

# --- a Wine prefix of our own --------------------------------------------------------------------------
export WINEPREFIX="$work/wine"
export WINEDEBUG=-all
# No Mono or Gecko install prompts, no windows on any display.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  say "Making a Wine prefix in $WINEPREFIX"
  wine wineboot -i >/dev/null 2>&1 || true
  wineserver -w
fi
[ -d "$WINEPREFIX/drive_c/windows/system32" ] || fail "wineboot did not make a prefix in $WINEPREFIX"
# The stand-in for the DLL that Wine 8 lacks (see bcryptprimitives.c).
dll="$work/bcryptprimitives.dll"
if [ ! -f "$dll" ] || [ tests/windows/bcryptprimitives.c -nt "$dll" ]; then
  x86_64-w64-mingw32-gcc -O2 -shared -o "$dll" tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32
fi
cp "$dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
win_path() { winepath -w "$1" 2>/dev/null; }
appdata_unix=$(winepath -u "$(wine cmd /c 'echo %APPDATA%' 2>/dev/null | tr -d '\r')" 2>/dev/null)
localappdata_unix=$(winepath -u "$(wine cmd /c 'echo %LOCALAPPDATA%' 2>/dev/null | tr -d '\r')" 2>/dev/null)
[ -d "$appdata_unix" ] || fail "cannot find %APPDATA% in the prefix ($appdata_unix)"
timed "Wine prefix"

# HEIC is left out: libheif's HEVC decoder (libde265) is not cross-built, so iPhone photos are kept
# without a preview in the Windows build, as in the hosted one.
features=(--no-default-features)

run_tests() {
  say "Cross-building the core and CLI tests for Windows (release)"
  nice -n 10 cargo test --release --target "$target" -p sanctuary "${features[@]}" --no-run
  timed "cross-build: core + CLI tests"
  say "Running the core and CLI tests under Wine"
  local log="$work/tests.log"
  # Cargo runs each test binary through Wine; the tests run the Windows sanctuary.exe through Wine too.
  set +e
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine nice -n 10 \
    cargo test --release --target "$target" -p sanctuary "${features[@]}" -- ${filter:+"$filter"} 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  wineserver -k 2>/dev/null || true
  timed "core + CLI tests under Wine"
  grep -E '^test result:' "$log" || true
  echo "skipped on Windows (each says why):"
  grep -E 'ignored, ' "$log" | sed 's/^/  /' || echo "  none"
  [ "$rc" = 0 ] || fail "tests failed under Wine (log: $log)"
}

run_installer() {
  local version
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
  say "Building the interface"
  if [ ! -d ui/node_modules ]; then
    (cd ui && npm install --no-audit --no-fund --loglevel=error)
  fi
  (cd ui && npx vite build --logLevel warn)
  say "Cross-building the desktop app (pages embedded) and the CLI for Windows"
  nice -n 10 cargo build --release --target "$target" -p sanctuary-app -p sanctuary "${features[@]}" \
    --features sanctuary-app/custom-protocol --bin sanctuary-portfolio --bin sanctuary
  timed "cross-build: app + CLI"

  say "Making the per-user installer with makensis"
  local payload="$work/payload" setup
  rm -rf "$payload" && mkdir -p "$payload"
  cp "$out/sanctuary-portfolio.exe" "$out/sanctuary.exe" "$payload/"
  # The loader that finds the WebView2 Runtime; the webview2-com-sys crate ships it, the build copies it.
  loader=$(find "$out" -name WebView2Loader.dll -path '*x64*' | head -1)
  [ -n "$loader" ] || loader=$(find "$out" -name WebView2Loader.dll | head -1)
  [ -n "$loader" ] || fail "no WebView2Loader.dll under $out"
  cp "$loader" "$payload/WebView2Loader.dll"
  cp icons/icon.ico "$payload/"
  cp src-tauri/packaging/copyright "$payload/copyright.txt"
  setup="$work/sanctuary-portfolio-$version-windows-x64.exe"
  makensis -V2 -DVERSION="$version" -DPAYLOAD="$payload" -DOUTFILE="$setup" src-tauri/packaging/windows/installer.nsi
  # A 64-bit installer (Debian's makensis with Target amd64-unicode), so that 64-bit Wine runs it.
  file -b "$setup" | grep -q 'PE32+ executable (GUI) x86-64' || fail "the installer is not a 64-bit Windows program: $(file -b "$setup")"
  file -b "$payload/sanctuary-portfolio.exe" | grep -q 'PE32+ executable (GUI) x86-64' ||
    fail "the app is not a 64-bit Windows GUI program: $(file -b "$payload/sanctuary-portfolio.exe")"
  grep -q -a 'Sanctuary Portfolio' "$payload/sanctuary-portfolio.exe" || fail "the pages are not embedded"
  echo "installer: $setup ($(du -h "$setup" | cut -f1))"
  timed "installer (makensis)"

  say "Installing silently under Wine (per user, no admin)"
  local dir="$localappdata_unix/Programs/Sanctuary Portfolio"
  local data="$appdata_unix/org.sanctuaryportfolio.app"
  local menu="$appdata_unix/Microsoft/Windows/Start Menu/Programs/Sanctuary Portfolio.lnk"
  local key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\org.sanctuaryportfolio.app'
  rm -rf "$dir" "$data"
  wine "$setup" /S
  wineserver -w
  for f in sanctuary-portfolio.exe sanctuary.exe WebView2Loader.dll uninstall.exe icon.ico copyright.txt; do
    [ -f "$dir/$f" ] || fail "the installer did not put $f in $dir"
  done
  [ -f "$menu" ] || fail "no Start-menu shortcut at $menu"
  wine reg query "$key" /v UninstallString 2>/dev/null | grep -q 'uninstall.exe' || fail "no uninstall entry under $key"
  wine reg query "$key" /v DisplayVersion 2>/dev/null | grep -q "$version" || fail "the uninstall entry does not give version $version"
  # Nothing for all users: no files under Program Files, no machine-wide entry.
  ! wine reg query "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\org.sanctuaryportfolio.app" >/dev/null 2>&1 ||
    fail "the installer wrote a machine-wide uninstall entry"
  echo "installed in $(win_path "$dir")"

  say "Using the installed command line (its data goes to %APPDATA% by default)"
  local cli="$(win_path "$dir")\\sanctuary.exe" pdf="$work/portfolio.pdf" backup="$work/made-under-wine.sanctuary"
  rm -f "$pdf" "$backup"
  wine "$cli" demo | tee "$work/cli.log"
  grep -q 'org.sanctuaryportfolio.app' "$work/cli.log" || fail "demo did not say it used %APPDATA%\\org.sanctuaryportfolio.app"
  [ -f "$data/sanctuary.db" ] || fail "no database in $data"
  wine "$cli" export --out "$(win_path "$pdf")" | tee -a "$work/cli.log"
  grep -q '^Wrote [A-Z]:\\' "$work/cli.log" || fail "export did not print a Windows path"
  qpdf --check "$pdf" >/dev/null || fail "the PDF exported under Wine fails qpdf --check"
  # Read into a variable first: with pipefail, `grep -q` leaving early would fail the pipeline when
  # pdftotext is still writing (SIGPIPE), however the text reads.
  local text
  text=$(pdftotext "$pdf" - 2>/dev/null) || fail "pdftotext cannot read the PDF exported under Wine"
  grep -q 'Brookfield Primary School' <<<"$text" || fail "the PDF does not hold the demo school's name"
  echo "exported PDF passes qpdf --check ($(du -h "$pdf" | cut -f1))"
  # A backup leaves the laptop, so it is sealed with a passphrase, as a school's would be.
  local pass="$work/passphrase.txt"
  printf 'Brookfield welcome week 2026\n' >"$pass"
  wine "$cli" backup --out "$(win_path "$backup")" --passphrase-file "$(win_path "$pass")" | tee -a "$work/cli.log"
  [ -s "$backup" ] || fail "no backup written"
  head -c 22 "$backup" | grep -q 'age-encryption.org' || fail "the backup made under Wine is not sealed"
  local restored="$work/restored-under-wine"
  rm -rf "$restored"
  wine "$cli" --data-dir "$(win_path "$restored")" restore "$(win_path "$backup")" --passphrase-file "$(win_path "$pass")" | tee -a "$work/cli.log"
  [ -f "$restored/sanctuary.db" ] || fail "restore under Wine wrote no database"
  wineserver -w
  timed "installed CLI: demo, export, qpdf, backup, restore"

  say "Restoring the backup made under Wine on Linux"
  nice -n 10 cargo build -q -p sanctuary --bin sanctuary "${features[@]}"
  local linux_data="$work/restored-on-linux"
  rm -rf "$linux_data"
  ./target/debug/sanctuary --data-dir "$linux_data" restore "$backup" --passphrase-file "$pass" | tee "$work/linux.log"
  grep -q 'Brookfield Primary School' "$work/linux.log" || fail "the Linux restore did not name the demo school"
  timed "restore on Linux of the Windows backup"

  say "Uninstalling silently"
  wine "$(win_path "$dir")\\uninstall.exe" /S
  wineserver -w
  [ ! -e "$dir/sanctuary.exe" ] || fail "the uninstaller left the program behind"
  [ ! -e "$menu" ] || fail "the uninstaller left the Start-menu shortcut"
  ! wine reg query "$key" >/dev/null 2>&1 || fail "the uninstaller left the uninstall entry"
  [ -f "$data/sanctuary.db" ] || fail "the uninstaller removed the school's data folder"
  echo "uninstalled; the data folder $(win_path "$data") is still there"
  timed "uninstall"
}

case "$mode" in
  tests) run_tests ;;
  installer) run_installer ;;
  all) run_tests; run_installer ;;
esac

say "Timings"
printf '%s\n' "${timings[@]}"
printf '%-58s %5ss\n' "total" $(( $(date +%s) - started ))
say "Windows check passed ($mode)"
