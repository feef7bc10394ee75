#!/usr/bin/env bash
# Cross-compiles Upstander for 64-bit Windows with MinGW-w64 and packages it.
#
#   tools/build-windows.sh [--deps-only] [--no-package] [--build-dir DIR]
#
# 1. Host packages: g++-mingw-w64-x86-64-posix, wine64, nsis, dpkg-dev and the header-only -dev packages
#    (installed when missing). A deb-src entry for the archive in /etc/apt/sources.list.d/debian.sources
#    is added when the machine has none.
# 2. Dependencies from Debian's own source packages, the same versions as the Linux build's -dev
#    packages: libsdl2, ffmpeg (trimmed to what the packs and media tests use), freetype, libsodium,
#    imgui 1.86 (with its SDL2, SDL_Renderer and OpenGL backends) and apriltag. `apt-get source
#    --download-only` fetches into ~/.cache/upstander-win64/src (kept; `dpkg-source -x` checks the .dsc
#    hashes). They install into ~/.cache/upstander-win64/<key>, key = hash of the source versions and
#    this recipe, so a second run rebuilds nothing and makes no network call.
# 3. Upstander itself in build-win/ (toolchain cmake/mingw-w64.cmake; ctest runs the tests under Wine).
# 4. Upstander-<version>-win64.zip and Upstander-<version>-win64-setup.exe (NSIS) in build-win/dist.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
deps_only=0
package=1
build_dir=build-win
while [ $# -gt 0 ]; do
  case "$1" in
    --deps-only) deps_only=1 ;;
    --no-package) package=0 ;;
    --build-dir) build_dir=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "build-windows.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

cache=${UPSTANDER_WIN_CACHE:-$HOME/.cache/upstander-win64}
jobs=$(nproc)
triplet=x86_64-w64-mingw32
export CC=$triplet-gcc-posix CXX=$triplet-g++-posix
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
log() { echo "build-windows: $*"; }

# [SECTION] Host packages
host_packages=(g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix mingw-w64-tools wine64 nsis dpkg-dev
  cmake ninja-build pkg-config nasm make zip xz-utils autoconf automake libtool
  nlohmann-json3-dev libcli11-dev libstb-dev catch2 fonts-dejavu-core)
missing=()
for p in "${host_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# [SECTION] Source versions: the versions of the -dev packages the Linux build uses
declare -A dev_of=([libsdl2]=libsdl2-dev [ffmpeg]=libavcodec-dev [freetype]=libfreetype-dev
  [libsodium]=libsodium-dev [imgui]=libimgui-dev [apriltag]=libapriltag-dev)
sources=(libsdl2 ffmpeg freetype libsodium imgui apriltag)
declare -A version
for s in "${sources[@]}"; do
  v=$(dpkg-query -W -f='${source:Version}' "${dev_of[$s]}" 2>/dev/null || true)
  if [ -z "$v" ]; then
    # Not installed (a machine without the Linux build): the archive's newest source version.
    v=$(apt-cache showsrc --only-source "$s" 2>/dev/null | awk '/^Version:/{print $2}' | sort -V | tail -1)
  fi
  [ -n "$v" ] || { echo "build-windows: no version of source package $s (is a deb-src entry configured?)" >&2; exit 1; }
  version[$s]=$v
done

# [SECTION] deb-src entry, derived from the machine's own debian.sources
ensure_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then return; fi
  local from=/etc/apt/sources.list.d/debian.sources
  [ -f "$from" ] || { echo "build-windows: no deb-src entry and no $from to derive one from" >&2; exit 1; }
  log "adding /etc/apt/sources.list.d/debian-src.sources (from $from)"
  # Same URIs, Suites, Components and Signed-By; only the type changes.
  sed -e 's/^Types:.*/Types: deb-src/' -e '/^#/d' "$from" | $SUDO tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
  $SUDO apt-get update -qq
}

# [SECTION] Source download (only what is not already in the cache and verified)
srcdir=$cache/src
mkdir -p "$srcdir"
dsc_of() { local v=${version[$1]}; v=${v#*:}; echo "$srcdir/${1}_${v}.dsc"; }
updated=0
fetch() {
  local s=$1 dsc
  dsc=$(dsc_of "$s")
  [ "$updated" = 1 ] || { ensure_deb_src; updated=1; }
  log "fetching source $s=${version[$s]}"
  (cd "$srcdir" && apt-get source --download-only -qq "$s=${version[$s]}") 2>&1 | grep -v 'unsandboxed' || true
  [ -f "$dsc" ] || { echo "build-windows: apt-get source did not give $dsc" >&2; exit 1; }
}
for s in "${sources[@]}"; do
  [ -f "$(dsc_of "$s")" ] || fetch "$s"
done

# [SECTION] Cache key: source versions + this recipe + the toolchain file
versions_line=""
for s in "${sources[@]}"; do versions_line+="$s=${version[$s]} "; done
key=$( { echo "$versions_line"; sed -n '/^# \[SECTION\] Dependency recipe/,/^# \[SECTION\] End of dependency recipe/p' "$0"; cat cmake/mingw-w64.cmake; } | sha256sum | cut -c1-16)
prefix=$cache/$key
work=$cache/work-$key
export UPSTANDER_WIN_PREFIX=$prefix
export PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig PKG_CONFIG_PATH=
log "dependency prefix $prefix"

# [SECTION] Dependency recipe
# Each step runs once per key: its stamp .done-<step> in the prefix marks it complete.
step() {
  local name=$1; shift
  if [ -f "$prefix/.done-$name" ]; then return; fi
  log "step $name"
  local t0=$SECONDS
  "$@"
  touch "$prefix/.done-$name"
  log "step $name took $((SECONDS - t0)) s"
}
# Unpacks a source package with its Debian patches; dpkg-source checks the sizes and hashes in the .dsc.
unpack() {
  local s=$1 dest=$work/$1
  local dsc
  dsc=$(dsc_of "$s")
  rm -rf "$dest"
  # dpkg-source checks every file's size and checksums against the .dsc (--no-check skips only the
  # OpenPGP signature, which apt already checked through the signed Sources index).
  if ! (cd "$srcdir" && dpkg-source --no-check -x "$(basename "$dsc")" "$dest" >/dev/null 2>&1); then
    log "$s: the cached source fails its .dsc checks; fetching it again"
    rm -rf "$dest"
    (cd "$srcdir" && awk '/^Files:/{f=1;next} /^[A-Z]/{f=0} f{print $3}' "$dsc" | xargs -r rm -f; rm -f "$dsc")
    fetch "$s"
    (cd "$srcdir" && dpkg-source --no-check -x "$(basename "$dsc")" "$dest" >/dev/null) ||
      { echo "build-windows: dpkg-source could not unpack $s" >&2; exit 1; }
  fi
}
cmake_cross() { cmake -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64.cmake" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" "$@"; }

copy_header_only() {
  mkdir -p "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/share/cmake"
  cp -r /usr/include/nlohmann /usr/include/CLI /usr/include/catch2 "$prefix/include/"
  mkdir -p "$prefix/include/stb" && cp /usr/include/stb/*.h "$prefix/include/stb/"
  cp -r /usr/share/cmake/nlohmann_json /usr/share/cmake/CLI11 "$prefix/share/cmake/"
  cp -r /usr/lib/cmake/Catch2 "$prefix/share/cmake/"
  # Catch2's package config also names its Catch2WithMain library: the same, compiled for Windows.
  printf '#define CATCH_CONFIG_MAIN\n#include <catch2/catch.hpp>\n' > "$work/catch2_main.cpp"
  $CXX -O1 -I"$prefix/include" -c "$work/catch2_main.cpp" -o "$work/catch2_main.o"
  $triplet-ar rcs "$prefix/lib/libCatch2WithMain.a" "$work/catch2_main.o"
  # The package configs point at /usr/include: the copies point at the prefix instead.
  sed -i "s|/usr/include|$prefix/include|g; s|\${PACKAGE_PREFIX_DIR}/include|$prefix/include|g" \
    "$prefix"/share/cmake/*/*.cmake
  # stb: Debian's libstb is the implementations compiled once; the same here from the same headers.
  cat > "$work/stb.c" <<'C'
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>
#define STB_RECT_PACK_IMPLEMENTATION
#include <stb_rect_pack.h>
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>
C
  $CC -O2 -I"$prefix/include/stb" -c "$work/stb.c" -o "$work/stb.o"
  $triplet-ar rcs "$prefix/lib/libstb.a" "$work/stb.o"
  cat > "$prefix/lib/pkgconfig/stb.pc" <<PC
prefix=$prefix
Name: stb
Description: stb single-file libraries (Debian libstb-dev headers)
Version: 0.0
Libs: -L\${prefix}/lib -lstb
Cflags: -I\${prefix}/include/stb
PC
}

build_freetype() {
  unpack freetype
  cmake_cross -S "$work/freetype" -B "$work/freetype-build" -DBUILD_SHARED_LIBS=OFF \
    -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON \
    >"$work/freetype.log"
  ninja -C "$work/freetype-build" -j"$jobs" install >>"$work/freetype.log"
}

build_sodium() {
  unpack libsodium
  # Debian's source has no generated configure script: autoreconf makes it, as debian/rules does.
  (cd "$work/libsodium" && autoreconf -fi >"$work/sodium.log" 2>&1 && ./configure --host=$triplet --prefix="$prefix" --disable-shared --enable-static \
    --disable-dependency-tracking >>"$work/sodium.log" && make -j"$jobs" install >>"$work/sodium.log")
}

build_sdl2() {
  unpack libsdl2
  cmake_cross -S "$work/libsdl2" -B "$work/sdl2-build" -DSDL_SHARED=ON -DSDL_STATIC=OFF -DSDL_TEST=OFF \
    >"$work/sdl2.log"
  ninja -C "$work/sdl2-build" -j"$jobs" install >>"$work/sdl2.log"
  # Upstander has its own main() (SDL_MAIN_HANDLED) and console programs: no SDL2main, no -mwindows.
  sed -i 's/-lmingw32 -mwindows -lSDL2main //g' "$prefix/lib/pkgconfig/sdl2.pc"
}

build_imgui() {
  unpack imgui
  local d=$work/imgui o=$work/imgui-obj
  mkdir -p "$o" "$prefix/include/imgui/backends"
  # The files Debian's Makefile (debian/patches/0001-add-Makefile.patch) compiles into libimgui, with the
  # backends the Linux build uses: SDL2 platform, OpenGL 2/3, and the SDL_Renderer one it builds from
  # the package's examples folder.
  local srcs=(imgui.cpp imgui_demo.cpp imgui_draw.cpp imgui_tables.cpp imgui_widgets.cpp
    misc/cpp/imgui_stdlib.cpp misc/freetype/imgui_freetype.cpp
    backends/imgui_impl_sdl.cpp backends/imgui_impl_sdlrenderer.cpp
    backends/imgui_impl_opengl2.cpp backends/imgui_impl_opengl3.cpp)
  local flags=(-O2 -I"$d" -I"$prefix/include" -I"$prefix/include/SDL2" -I"$prefix/include/freetype2"
    -DIMGUI_DISABLE_STB_RECT_PACK_IMPLEMENTATION '-DIMGUI_STB_RECT_PACK_FILENAME=<stb/stb_rect_pack.h>'
    -DIMGUI_DISABLE_STB_TRUETYPE_IMPLEMENTATION '-DIMGUI_STB_TRUETYPE_FILENAME=<stb/stb_truetype.h>')
  local objs=()
  for f in "${srcs[@]}"; do
    local obj=$o/$(basename "${f%.cpp}").o
    $CXX "${flags[@]}" -c "$d/$f" -o "$obj" &
    objs+=("$obj")
    if [ "$(jobs -r | wc -l)" -ge "$jobs" ]; then wait -n; fi
  done
  wait
  for obj in "${objs[@]}"; do [ -f "$obj" ] || { echo "build-windows: imgui: $obj failed" >&2; exit 1; }; done
  $triplet-ar rcs "$prefix/lib/libimgui.a" "${objs[@]}"
  cp "$d"/*.h "$d"/misc/cpp/*.h "$d"/misc/freetype/*.h "$prefix/include/imgui/"
  cp "$d"/backends/imgui_impl_sdl.h "$d"/backends/imgui_impl_sdlrenderer.h "$d"/backends/imgui_impl_opengl2.h \
    "$d"/backends/imgui_impl_opengl3.h "$d"/backends/imgui_impl_opengl3_loader.h "$prefix/include/imgui/backends/"
  cat > "$prefix/lib/pkgconfig/imgui.pc" <<PC
prefix=$prefix
Name: imgui
Description: Dear ImGui (Debian source package, with SDL2, SDL_Renderer and OpenGL backends)
Version: 1.86
Requires: stb freetype2 sdl2
Libs: -L\${prefix}/lib -limgui -lopengl32
Cflags: -I\${prefix}/include/imgui -I\${prefix}/include/imgui/backends
PC
}

build_apriltag() {
  unpack apriltag
  # Its demo programs are built unconditionally and need FreeImage: drop them (only the library is used).
  sed -i '/^add_executable(apriltag_demo/,$d' "$work/apriltag/CMakeLists.txt"
  # Its own pthread emulation is for MSVC; MinGW-w64 -posix has real pthreads (winpthreads), which the
  # C++ runtime uses too: the two cannot both be declared in one program.
  sed -i 's/^#ifdef _WIN32\r\?$/#if defined(_WIN32) \&\& !defined(__MINGW32__)/' "$work/apriltag/common/pthreads_cross.h"
  cmake_cross -S "$work/apriltag" -B "$work/apriltag-build" -DBUILD_SHARED_LIBS=OFF -DBUILD_PYTHON_WRAPPER=OFF \
    -DBUILD_EXAMPLES=OFF -DCMAKE_C_FLAGS="-D_USE_MATH_DEFINES" >"$work/apriltag.log"
  ninja -C "$work/apriltag-build" -j"$jobs" install >>"$work/apriltag.log"
  # It builds a DLL whatever BUILD_SHARED_LIBS says, and installs only its import library.
  cp "$work/apriltag-build"/libapriltag*.dll "$prefix/bin/"
}

build_ffmpeg() {
  unpack ffmpeg
  # Only what the packs and the media tests use: MP4/MOV, Matroska/WebM, AVI, MPEG-TS and FLV
  # demuxers (FLV and TS so the refusal messages are the same as on Linux), WebVTT and SubRip captions;
  # H.264, VP9, MPEG-4, FLV,
  # AAC, Opus, MP3 and PCM decoders; their parsers; file protocol only; swscale/swresample; the
  # DirectShow camera input with the MJPEG and raw (YUY2, NV12) decoders webcams deliver, and the
  # MJPEG demuxer for the answer-card tests' recordings. No encoders, muxers, network, programs or docs.
  mkdir -p "$work/ffmpeg-build"
  (cd "$work/ffmpeg-build" && "$work/ffmpeg/configure" --prefix="$prefix" --enable-cross-compile \
    --target-os=mingw32 --arch=x86_64 --cross-prefix=$triplet- --cc="$CC" --cxx="$CXX" \
    --pkg-config=pkg-config --enable-shared --disable-static --disable-programs --disable-doc \
    --disable-network --disable-everything --disable-autodetect --disable-debug \
    --enable-w32threads --enable-swscale --enable-swresample --disable-postproc --disable-avfilter \
    --enable-protocol=file \
    --enable-demuxer=mov,matroska,avi,mpegts,flv,mp3,wav,ogg,webvtt,srt,mjpeg \
    --enable-decoder=h264,vp8,vp9,mpeg4,flv,aac,aac_fixed,opus,mp3,mp3float,vorbis,pcm_s16le,pcm_f32le,webvtt,subrip,movtext,mjpeg,rawvideo \
    --enable-parser=h264,vp8,vp9,mpeg4video,aac,opus,mpegaudio,vorbis,mjpeg \
    --enable-bsf=vp9_superframe_split,h264_mp4toannexb \
    --enable-indev=dshow >"$work/ffmpeg.log" &&
    make -j"$jobs" >>"$work/ffmpeg.log" && make install >>"$work/ffmpeg.log")
}

licences() {
  # Each dependency's Debian copyright file goes into the package beside Upstander's own licence.
  mkdir -p "$prefix/share/licences"
  for s in "${sources[@]}"; do cp "$work/$s/debian/copyright" "$prefix/share/licences/$s.txt"; done
  for p in nlohmann-json3-dev libcli11-dev libstb-dev; do
    cp "/usr/share/doc/$p/copyright" "$prefix/share/licences/$p.txt"
  done
  cp /usr/share/doc/fonts-dejavu-core/copyright "$prefix/share/licences/fonts-dejavu.txt"
}
# [SECTION] End of dependency recipe

if [ ! -f "$prefix/.complete" ]; then
  t_deps=$SECONDS
  mkdir -p "$prefix" "$work"
  step copy_header_only copy_header_only
  step build_freetype build_freetype
  step build_sodium build_sodium
  step build_sdl2 build_sdl2
  step build_imgui build_imgui
  step build_apriltag build_apriltag
  step build_ffmpeg build_ffmpeg
  step licences licences
  echo "$versions_line" > "$prefix/.versions"
  touch "$prefix/.complete"
  rm -rf "$work"
  log "dependencies built in $((SECONDS - t_deps)) s"
else
  log "dependencies up to date ($(cat "$prefix/.versions"))"
fi
[ "$deps_only" = 1 ] && exit 0

# [SECTION] Upstander
t_build=$SECONDS
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64.cmake" -DCMAKE_BUILD_TYPE=Release \
  -DUPSTANDER_WIN_PREFIX="$prefix" "${launcher[@]}" >/dev/null
cmake --build "$build_dir" -j"$jobs"
log "cross build took $((SECONDS - t_build)) s"
[ "$package" = 1 ] || exit 0

# [SECTION] Packages: the zip (runs from a USB stick) and the per-user installer
t_pkg=$SECONDS
version=$(sed -n 's/^project(Upstander VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
dist=$build_dir/dist
name=Upstander-$version-win64
stage=$dist/$name
rm -rf "$dist"
mkdir -p "$stage/licences"
for exe in upstander upstander-pack upstander-report; do cp "$build_dir/bin/$exe.exe" "$stage/"; done
cp "$build_dir"/bin/*.dll "$stage/"
$triplet-strip "$stage"/*.exe
cp -r "$build_dir/bin/fonts" "$build_dir/bin/sounds" "$build_dir/bin/icons" "$stage/"
cp -r content/packs "$stage/packs"
cp README.md "$stage/README.md"
cp "$prefix"/share/licences/*.txt "$stage/licences/"
[ -f LICENSE ] && cp LICENSE "$stage/licences/Upstander.txt"
cp /usr/share/doc/gcc-mingw-w64-base/copyright "$stage/licences/mingw-w64-runtime.txt" 2>/dev/null || true
(cd "$dist" && zip -qr "$name.zip" "$name")
makensis -V2 -DVERSION="$version" -DSTAGE="$(realpath "$stage")" -DOUTFILE="$(realpath "$dist")/$name-setup.exe" \
  tools/windows/upstander.nsi
log "packaged $dist/$name.zip and $dist/$name-setup.exe in $((SECONDS - t_pkg)) s"
