#!/usr/bin/env bash
# Packages an already built tree into a .deb with cpack (it only packages, it
# compiles nothing), unpacks it into a scratch root and checks what a user
# installing it would get: the binaries run from the system's libraries, the
# desktop entry, icon, AppStream metadata and systemd unit are there and
# valid, Depends names the runtime libraries, and lintian finds no error.
# Registered by installer/Packaging.cmake as the ctest test packaging_deb.
#
# Exit 77 (ctest SKIP_RETURN_CODE) only when cpack or dpkg is missing; every
# other missing tool is a failure (scripts/setup installs them).
set -euo pipefail

usage() {
  echo "usage: $0 --build-dir DIR --cpack CPACK --version X.Y.Z --appstream-id ID --gui 0|1" >&2
  exit 2
}
build_dir="" cpack="" version="" appstream_id="" gui=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$2" ;;
    --cpack) cpack="$2" ;;
    --version) version="$2" ;;
    --appstream-id) appstream_id="$2" ;;
    --gui) gui="$2" ;;
    *) usage ;;
  esac
  shift 2 || usage
done
if [ -z "$build_dir" ] || [ -z "$cpack" ] || [ -z "$version" ] || [ -z "$appstream_id" ]; then usage; fi

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
die() {
  echo "FAIL: $*" >&2
  exit 1
}

if [ ! -x "$cpack" ] || ! command -v dpkg >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "SKIP: cpack ($cpack) or dpkg is not installed"
  exit 77
fi
for tool in dpkg-shlibdeps file readelf lintian desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || die "$tool is not installed (scripts/setup installs it)"
done
[ -f "$build_dir/CPackConfig.cmake" ] || die "no CPackConfig.cmake in $build_dir"

work="$(mktemp -d "${TMPDIR:-/tmp}/sb-packaging.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# --- build the package ------------------------------------------------------
# -B keeps cpack's staging tree out of the build folder, so a parallel run
# cannot trip over it.
echo "== cpack -G DEB"
if ! "$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  die "cpack failed"
fi
shopt -s nullglob
debs=("$work"/out/*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || die "expected one .deb, cpack made: ${debs[*]:-none}"
deb="${debs[0]}"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# --- control fields -----------------------------------------------------------
echo "== control"
dpkg-deb --field "$deb"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = "switchboard" ] || fail "Package is '$(field Package)', expected switchboard"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
case "$(field Section)" in comm | net) ;; *) fail "Section is '$(field Section)', expected comm or net" ;; esac
depends="$(field Depends)"
# One alternative per entry is enough: "libssl3 (>= 3.0.0)" or similar.
expected=(libc6 libstdc++6 libre0 librem0 libsqlite3-0)
if [ "$gui" = 1 ]; then expected+=(libqt6core6 libqt6gui6 libqt6widgets6 libqt6svg6); fi
for pkg in "${expected[@]}"; do
  grep -Eq "(^|, |\| )${pkg//+/\\+}( |,|$)" <<<"$depends" || fail "Depends lacks $pkg: $depends"
done
# OpenSSL: directly (libssl3) or through libre0, which depends on it.
if ! grep -Eq "(^|, )libssl3( |,|$)" <<<"$depends" && ! dpkg-query -W -f='${Depends}' libre0 2>/dev/null | grep -q libssl3; then
  fail "neither Depends nor libre0 brings in libssl3"
fi

dpkg-deb --control "$deb" "$work/control"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "maintainer script $script missing or not executable"
done

# Every entry owned by root (cpack builds the tar itself, no fakeroot).
if dpkg-deb --contents "$deb" | awk '$2 != "root/root"' | grep -q .; then
  fail "entries not owned by root/root: $(dpkg-deb --contents "$deb" | awk '$2 != "root/root"')"
fi

# --- contents -----------------------------------------------------------------
echo "== contents"
root="$work/root"
dpkg -x "$deb" "$root"
(cd "$root" && find . -type f -o -type l | sort)
files=(
  usr/bin/switchboard-server
  usr/lib/systemd/system/switchboard-server.service
  usr/share/man/man1/switchboard-server.1.gz
  usr/share/doc/switchboard/copyright
  usr/share/doc/switchboard/changelog.gz
)
if [ "$gui" = 1 ]; then
  files+=(
    usr/bin/switchboard
    usr/share/applications/switchboard.desktop
    usr/share/icons/hicolor/scalable/apps/switchboard.svg
    "usr/share/metainfo/$appstream_id.metainfo.xml"
    usr/share/man/man1/switchboard.1.gz
  )
fi
for f in "${files[@]}"; do
  [ -f "$root/$f" ] || fail "missing in the package: /$f"
done

# --- the installed binaries run against the system's libraries ---------------
echo "== binaries"
check_binary() {
  local bin="$1"
  [ -f "$bin" ] || return 0
  if readelf -d "$bin" | grep -Eq '\((RPATH|RUNPATH)\)'; then
    fail "$bin has a library search path: $(readelf -d "$bin" | grep -E 'RPATH|RUNPATH')"
  fi
  file -b "$bin" | grep -q ', stripped' || fail "$bin is not stripped: $(file -b "$bin")"
}
server="$root/usr/bin/switchboard-server"
check_binary "$server"
if out="$(env -u LD_LIBRARY_PATH "$server" --version 2>&1)"; then
  echo "$out"
  [ "$out" = "switchboard-server $version" ] || fail "switchboard-server --version printed '$out'"
else
  fail "switchboard-server --version failed: $out"
fi
if [ "$gui" = 1 ]; then
  gui_bin="$root/usr/bin/switchboard"
  check_binary "$gui_bin"
  if out="$(env -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen "$gui_bin" --version 2>&1)"; then
    echo "$out"
    grep -q "$version" <<<"$out" || fail "switchboard --version printed '$out'"
  else
    fail "switchboard --version failed: $out"
  fi
fi

# --- desktop integration --------------------------------------------------------
if [ "$gui" = 1 ]; then
  echo "== desktop-file-validate"
  desktop-file-validate "$root/usr/share/applications/switchboard.desktop" || fail "desktop-file-validate"
  grep -qx 'Exec=switchboard' "$root/usr/share/applications/switchboard.desktop" || fail ".desktop Exec"
  grep -qx 'Icon=switchboard' "$root/usr/share/applications/switchboard.desktop" || fail ".desktop Icon"
  echo "== appstreamcli validate"
  appstreamcli validate --no-net "$root/usr/share/metainfo/$appstream_id.metainfo.xml" ||
    fail "appstreamcli validate"
  grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$appstream_id.metainfo.xml" ||
    fail "metainfo has no release $version"
fi

echo "== systemd unit"
unit="$root/usr/lib/systemd/system/switchboard-server.service"
if [ -f "$unit" ]; then
  for line in \
    'ExecStart=/usr/bin/switchboard-server --db /var/lib/switchboard/switchboard.db' \
    'StateDirectory=switchboard' \
    'DynamicUser=yes' \
    'Restart=on-failure' \
    'AmbientCapabilities=CAP_NET_BIND_SERVICE' \
    'NoNewPrivileges=yes' \
    'ProtectSystem=strict' \
    'WantedBy=multi-user.target'; do
    grep -qxF "$line" "$unit" || fail "unit lacks '$line'"
  done
  echo "ok"
fi

# --- lintian ------------------------------------------------------------------------
# Errors fail the test; warnings and notes are printed for the record.
echo "== lintian"
lintian_rc=0
lintian --tag-display-limit 0 --display-info --fail-on error "$deb" >"$work/lintian.log" 2>&1 || lintian_rc=$?
grep -v '^N: ' "$work/lintian.log" || true
if grep -q '^E: ' "$work/lintian.log" || [ "$lintian_rc" -ne 0 ]; then
  fail "lintian reported errors (exit $lintian_rc)"
fi
echo "lintian: $(grep -c '^E: ' "$work/lintian.log" || true) errors, $(grep -c '^W: ' "$work/lintian.log" || true) warnings, $(grep -c '^I: ' "$work/lintian.log" || true) notes"

if [ "$failures" -ne 0 ]; then
  echo "packaging: $failures check(s) failed" >&2
  exit 1
fi
echo "packaging: all checks passed"
