# Cross-compiling Upstander (and its dependencies) for 64-bit Windows with Debian's MinGW-w64
# (g++-mingw-w64-x86-64-posix: the -posix compilers have std::thread). tools/build-windows.sh passes
# UPSTANDER_WIN_PREFIX, the folder its dependency build installed into; ctest runs the Windows
# executables under Wine through CMAKE_CROSSCOMPILING_EMULATOR.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

# Toolchain files are read again for every try_compile: take the prefix from the environment too.
if(NOT UPSTANDER_WIN_PREFIX AND DEFINED ENV{UPSTANDER_WIN_PREFIX})
  set(UPSTANDER_WIN_PREFIX "$ENV{UPSTANDER_WIN_PREFIX}")
endif()
set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES UPSTANDER_WIN_PREFIX)

set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${UPSTANDER_WIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

if(UPSTANDER_WIN_PREFIX)
  # pkg-config sees only the Windows prefix, never the host's /usr/lib/x86_64-linux-gnu/pkgconfig.
  set(ENV{PKG_CONFIG_LIBDIR} "${UPSTANDER_WIN_PREFIX}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_PATH} "")
  # Wine runs the Windows executables (ctest, custom commands): tools/wine-run.sh sets its prefix,
  # quiets it and puts the DLL folders on WINEPATH.
  set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/../tools/wine-run.sh" "${UPSTANDER_WIN_PREFIX}")
endif()
