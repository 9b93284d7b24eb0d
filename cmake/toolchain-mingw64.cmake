# Cross-compiling for 64-bit Windows with Debian's MinGW-w64 (package
# mingw-w64), POSIX thread model: std::thread and std::mutex need it.
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw64.cmake -DSB_WIN_PREFIX=<deps> ...
# SB_WIN_PREFIX holds the Windows builds of libre, librem, OpenSSL and SQLite
# that scripts/windows-cross makes (lib/, include/, lib/pkgconfig/).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(SB_MINGW_TRIPLET x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${SB_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${SB_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${SB_MINGW_TRIPLET}-windres)

set(SB_WIN_PREFIX "" CACHE PATH "Windows builds of the dependencies (scripts/windows-cross)")
set(CMAKE_FIND_ROOT_PATH /usr/${SB_MINGW_TRIPLET} ${SB_WIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config must see the Windows .pc files only, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} "${SB_WIN_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# One self-contained .exe: the C++ runtime and winpthread linked in, so the
# installer ships no MinGW DLLs.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
