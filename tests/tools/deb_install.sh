#!/usr/bin/env bash
# tools.deb_install: builds the .deb with CPack from the build tree, unpacks it into a throwaway root
# (dpkg-deb -x) and checks the installed copy as a school's machine would run it:
#   - upstander --version runs from <root>/usr/bin;
#   - the layout: programs, packs, assets, desktop entry (desktop-file-validate), AppStream metainfo
#     (appstreamcli validate), hicolor icons, manual pages, copyright, changelog.gz;
#   - headless scripts on the installed bundled packs only, with fontconfig knowing no fonts at all,
#     so the kiosk draws with share/upstander/fonts (links to the Debian font packages it depends on);
#   - upstander-pack validate <root>/usr/share/upstander/packs/*, and that the installed programs load
#     those packs rather than the source tree's;
#   - lintian on the .deb: any error fails (warnings are printed);
#   - apt-get install --simulate ./upstander_*.deb resolves every Depends from the configured
#     repositories (skipped with a message when apt has no package lists to resolve against).
# Usage: deb_install.sh BUILD_DIR SOURCE_DIR WORK_DIR [CPACK]
set -euo pipefail
build=$1 source=$2 work=$3 cpack=${4:-cpack}
fail() { echo "deb_install: FAIL: $*" >&2; exit 1; }
step() { echo "deb_install: $*"; }

rm -rf "$work"
mkdir -p "$work/out" "$work/home"
step "building the package"
"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
shopt -s nullglob
debs=("$work"/out/upstander_*_amd64.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one upstander_<version>_amd64.deb in $work/out, found ${#debs[@]}"
deb=${debs[0]}
step "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# Control fields: the Depends dpkg-shlibdeps found, plus the fonts.
depends=$(dpkg-deb -f "$deb" Depends)
for need in fonts-dejavu-core fonts-opendyslexic libsdl2-2.0-0 libavcodec59 libsodium23 libc6; do
  [[ ", $depends," == *", $need"[\ ,]* ]] || fail "Depends lacks $need: $depends"
done
[ "$(dpkg-deb -f "$deb" Section)" = education ] || fail "Section is not education"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"

root=$work/root
dpkg-deb -x "$deb" "$root"
usr=$root/usr
for f in bin/upstander bin/upstander-pack bin/upstander-report bin/upstander-cards \
         share/upstander/sounds/vote.wav share/upstander/icons/hicolor/64/upstander.png \
         share/applications/org.upstander.Upstander.desktop share/metainfo/org.upstander.Upstander.metainfo.xml \
         share/icons/hicolor/16x16/apps/upstander.png share/icons/hicolor/512x512/apps/upstander.png \
         share/icons/hicolor/scalable/apps/upstander.svg share/man/man1/upstander.1.gz \
         share/doc/upstander/copyright share/doc/upstander/changelog.gz share/doc/upstander/README.md \
         share/upstander/packs/step-up/pack.json; do
  [ -e "$usr/$f" ] || fail "the package has no /usr/$f"
done
file "$usr/bin/upstander" | grep -q ", stripped" || fail "/usr/bin/upstander is not stripped"
# The font links resolve once the Depends are installed: their targets are the Debian packages' files.
for link in "$usr"/share/upstander/fonts/*; do
  [ -L "$link" ] || fail "$link is not a link to a Debian font package's file"
  target=$(readlink "$link")
  [ -f "/usr/share/upstander/fonts/$target" ] || [ -f "$(realpath -m "/usr/share/upstander/fonts/$target")" ] ||
    fail "$(basename "$link") -> $target: no such file on this system (fonts-dejavu-core, fonts-opendyslexic)"
done
# In the throwaway root, /usr/share/fonts stands for the installed font packages.
ln -s /usr/share/fonts "$usr/share/fonts"

step "running the installed programs"
version=$("$usr/bin/upstander" --version | head -1)
[[ "$version" == "upstander "[0-9]* ]] || fail "upstander --version printed: $version"
step "$version"
"$usr/bin/upstander-pack" --version > /dev/null

if command -v desktop-file-validate > /dev/null; then
  desktop-file-validate "$usr/share/applications/org.upstander.Upstander.desktop" || fail "desktop-file-validate"
else
  step "desktop-file-validate is not installed (desktop-file-utils): desktop entry not checked"
fi
if command -v appstreamcli > /dev/null; then
  appstreamcli validate --no-net "$usr/share/metainfo/org.upstander.Upstander.metainfo.xml" || fail "appstreamcli validate"
else
  step "appstreamcli is not installed (appstream): metainfo not checked"
fi

# fontconfig with no font folders: only the kiosk's own share/upstander/fonts can draw.
cat > "$work/no-fonts.conf" << CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>$work/fc-cache</cachedir></fontconfig>
CONF
run_kiosk() {  # name, script, extra arguments...
  local name=$1 script=$2
  shift 2
  mkdir -p "$work/shots/$name"
  env XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" HOME="$work/home" \
      FONTCONFIG_FILE="$work/no-fonts.conf" \
      "$usr/bin/upstander" --headless --size 1280x720 --script "$script" --screenshot-dir "$work/shots/$name" "$@" \
      > "$work/$name.log" 2>&1 || { cat "$work/$name.log"; fail "headless script $name on the installed kiosk"; }
  [ -f "$work/shots/$name/01-installed-${name#installed-}.png" ] || fail "no screenshot from $name"
}
run_kiosk installed-title "$source/tests/tools/data/deb_install.script"
run_kiosk installed-workshop "$source/tests/tools/data/deb_install_workshop.script" \
  --workshop school-60 --group "Install test" --format group --audience under-18 --headcount 20
step "headless scripts passed on the installed packs and fonts"

step "upstander-pack validate on the installed packs"
"$usr/bin/upstander-pack" validate "$usr"/share/upstander/packs/* || fail "upstander-pack validate"
# The installed programs find their bundled packs in <root>/usr/share/upstander/packs, never in the source
# tree they were built from: the example pack reuses Step Up's modules, so with the installed Step Up
# moved away it must no longer validate.
mv "$usr/share/upstander/packs/step-up" "$work/step-up-aside"
if "$usr/bin/upstander-pack" validate "$usr/share/upstander/packs/example-emerging-issue" > "$work/aside.log" 2>&1; then
  cat "$work/aside.log"
  fail "the installed upstander-pack resolved step-up/... without the installed Step Up pack (it read another copy)"
fi
mv "$work/step-up-aside" "$usr/share/upstander/packs/step-up"

if command -v lintian > /dev/null; then
  step "lintian"
  lintian --fail-on error --suppress-tags binary-has-unneeded-section "$deb" 2>&1 | grep -v "^running with root" | tee "$work/lintian.log" ||
    true
  if grep -q "^E: " "$work/lintian.log"; then fail "lintian reports errors"; fi
else
  step "lintian is not installed: the package was not linted"
fi

if ls /var/lib/apt/lists/*_Packages > /dev/null 2>&1; then
  step "apt-get install --simulate"
  if ! apt-get install --simulate -q "$deb" > "$work/apt.log" 2>&1; then
    cat "$work/apt.log"
    fail "apt-get cannot resolve the package's Depends"
  fi
  grep -c "^Inst " "$work/apt.log" | sed 's/^/deb_install: apt would install this many packages here: /'
  # On this machine most Depends are installed already; a fresh Debian 12 needs each one from the
  # repositories, so each must have an installable candidate there.
  # (the first of any alternatives "a | b")
  for pkg in $(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ (|].*//'); do
    candidate=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p')
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ] || fail "Depends $pkg has no candidate in the configured repositories"
  done
  step "every Depends has a candidate in the repositories"
else
  step "SKIPPED apt-get install --simulate: apt has no package lists (run apt-get update to check the Depends resolve)"
fi
step "passed"
