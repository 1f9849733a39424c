#!/usr/bin/env bash
# Installs the build into a temporary prefix and builds three consumers against it, outside
# the source tree: CMake find_package (examples/embed_cpp), pkg-config (the same program) and
# the C API (examples/embed_c, pkg-config). Each scores the news-report call to block with
# the configuration installed with the library; the installed CLI explains it too.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
build=$1 source=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
call=$source/tests/calls/scam/amazon_cashback_anydesk_fee.call

cmake --install "$build" --prefix "$prefix" > "$work/install.log"
libdir=$(dirname "$(find "$prefix" -name 'libscamguard.*' -print -quit)")
pc_dir=$libdir/pkgconfig
[ -f "$pc_dir/scamguard.pc" ] || { echo "no scamguard.pc under $prefix" >&2; exit 1; }
[ -f "$prefix/share/scamguard/conf/actions.toml" ] || { echo "conf/ not installed" >&2; exit 1; }

cd "$work"  # nothing below may find the source tree's conf/ by accident
expect_block() {  # NAME OUTPUT
  local last
  last=$(printf '%s\n' "$2" | tail -n 1)
  case "$last" in
    block\ *) echo "$1: $last" ;;
    *) echo "$1 did not block the news-report call: $last" >&2; exit 1 ;;
  esac
}

# 1. CMake find_package(scamguard) -> scamguard::scamguard
cmake -S "$source/examples/embed_cpp" -B "$work/find_package" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release > "$work/find_package.log"
cmake --build "$work/find_package" >> "$work/find_package.log"
expect_block find_package "$("$work/find_package/embed_cpp" "$call")"

# 2. pkg-config, C++
export PKG_CONFIG_PATH=$pc_dir
static=""
[ -e "$libdir/libscamguard.so" ] || static=--static  # SCAMGUARD_BUILD_SHARED=OFF
# shellcheck disable=SC2046
c++ -std=c++20 -o "$work/pkg_config_cpp" "$source/examples/embed_cpp/main.cpp" \
  $(pkg-config --cflags --libs $static scamguard) -Wl,-rpath,"$libdir"
expect_block pkg-config "$("$work/pkg_config_cpp" "$call")"

# 3. the C API, from C, through pkg-config
# shellcheck disable=SC2046
cc -std=c11 -Wall -Werror -o "$work/c_api" "$source/examples/embed_c/main.c" \
  $(pkg-config --cflags --libs $static scamguard) -Wl,-rpath,"$libdir"
expect_block "C API" "$("$work/c_api" "$call")"

# The installed CLI finds the installed configuration too.
"$prefix/bin/scamguard" explain "$call" > "$work/explain.txt"
grep -q "block" "$work/explain.txt" || { echo "installed CLI did not block the call" >&2; exit 1; }
echo "installed CLI: block"

# The man pages, written at build time from the option definitions, are installed and render.
for page in man1/scamguard.1 man8/scamguardd.8; do
  file=$prefix/share/man/$page
  [ -s "$file" ] || { echo "$page not installed under $prefix/share/man" >&2; exit 1; }
  grep -q '^\.TH SCAMGUARD' "$file" || { echo "$page is not a man page" >&2; exit 1; }
done
grep -q '^\.SS gen\\-traffic' "$prefix/share/man/man1/scamguard.1" ||
  { echo "scamguard.1 lacks the gen-traffic command" >&2; exit 1; }
if command -v man > /dev/null; then
  MANWIDTH=100 man -l "$prefix/share/man/man1/scamguard.1" > "$work/scamguard.1.txt" 2> "$work/man.err"
  [ ! -s "$work/man.err" ] || { echo "man -l scamguard.1 warned: $(cat "$work/man.err")" >&2; exit 1; }
  grep -q -- '--examples UNIT' "$work/scamguard.1.txt" ||
    { echo "scamguard.1 does not render train's --examples" >&2; exit 1; }
  MANWIDTH=100 man -l "$prefix/share/man/man8/scamguardd.8" > "$work/scamguardd.8.txt" 2> "$work/man.err"
  [ ! -s "$work/man.err" ] || { echo "man -l scamguardd.8 warned: $(cat "$work/man.err")" >&2; exit 1; }
  grep -q -- '--hash-token' "$work/scamguardd.8.txt" ||
    { echo "scamguardd.8 does not render --hash-token" >&2; exit 1; }
  echo "man pages: installed, render with man -l"
else
  echo "man pages: installed (man not available, rendering not checked)"
fi
