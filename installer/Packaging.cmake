# Packaging: install rules for the desktop integration files and the CPack
# configuration. Linux: `cpack -G DEB` in a build folder. Windows: `cpack -G
# NSIS` (docs/windows.md). Included once, near the end of the top-level
# CMakeLists.txt, after every target exists.
include_guard(GLOBAL)
include(GNUInstallDirs)

set(SB_PACKAGE_CONTACT "Switchboard maintainers <switchboard@example.org>"
    CACHE STRING "Maintainer shown in the packages (Debian Maintainer field, Windows Add/Remove Programs)")
# TODO(owner): a placeholder on a reserved domain (RFC 2606) until the project
# owns one. AppStream ids are meant to be permanent; when it changes, keep the
# old one in a <replaces> element of the metainfo.
set(SB_APPSTREAM_ID "org.example.Switchboard")

set(_sb_installer_dir "${CMAKE_CURRENT_LIST_DIR}")
set(_sb_generated_dir "${CMAKE_BINARY_DIR}/installer")
string(TIMESTAMP SB_RELEASE_DATE "%Y-%m-%d" UTC)  # honours SOURCE_DATE_EPOCH
string(TIMESTAMP SB_COPYRIGHT_YEAR "%Y" UTC)

# A license file, if the project has one. There is none yet: the notice says
# so instead of inventing terms (see the TODO in docs/windows.md).
set(_sb_license_file "")
foreach(_candidate LICENSE LICENSE.txt LICENSE.md COPYING COPYING.txt)
  if(EXISTS "${PROJECT_SOURCE_DIR}/${_candidate}")
    set(_sb_license_file "${PROJECT_SOURCE_DIR}/${_candidate}")
    break()
  endif()
endforeach()
if(_sb_license_file)
  file(READ "${_sb_license_file}" SB_LICENSE_TEXT)
else()
  set(SB_LICENSE_TEXT "The owner of Switchboard has not published a license for it yet.")
endif()
configure_file("${_sb_installer_dir}/copyright.in" "${_sb_generated_dir}/copyright" @ONLY)

# ---------------------------------------------------------------------------
# Linux desktop integration: .desktop entry, hicolor icon, AppStream metainfo,
# systemd unit, manual pages, Debian doc files.
if(UNIX AND NOT APPLE)
  set(_sb_docdir "${CMAKE_INSTALL_DATAROOTDIR}/doc/switchboard")  # Debian: named after the package
  set(SB_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
      "Where the systemd unit goes, relative to the installation prefix")

  find_program(SB_GZIP_EXECUTABLE gzip REQUIRED)
  # gzip -n: no name or time stamp inside, so the package is reproducible.
  function(_sb_gzip_copy input output)
    configure_file("${input}" "${output}" COPYONLY)  # also re-runs CMake when the input changes
    execute_process(COMMAND "${SB_GZIP_EXECUTABLE}" -9nf "${output}" RESULT_VARIABLE _rc)
    if(_rc)
      message(FATAL_ERROR "gzip ${output} failed: ${_rc}")
    endif()
  endfunction()

  string(TIMESTAMP SB_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  configure_file("${_sb_installer_dir}/linux/changelog.in" "${_sb_generated_dir}/changelog.in" @ONLY)
  _sb_gzip_copy("${_sb_generated_dir}/changelog.in" "${_sb_generated_dir}/changelog")
  _sb_gzip_copy("${_sb_installer_dir}/linux/switchboard-server.1" "${_sb_generated_dir}/man/switchboard-server.1")
  install(FILES "${_sb_generated_dir}/changelog.gz" "${_sb_generated_dir}/copyright" DESTINATION "${_sb_docdir}")
  install(FILES "${_sb_generated_dir}/man/switchboard-server.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
  install(FILES "${_sb_installer_dir}/linux/switchboard-server.service" DESTINATION "${SB_SYSTEMD_UNIT_DIR}")

  if(SB_BUILD_GUI)
    _sb_gzip_copy("${_sb_installer_dir}/linux/switchboard.1" "${_sb_generated_dir}/man/switchboard.1")
    configure_file("${_sb_installer_dir}/linux/switchboard.metainfo.xml.in"
                   "${_sb_generated_dir}/${SB_APPSTREAM_ID}.metainfo.xml" @ONLY)
    install(FILES "${_sb_generated_dir}/man/switchboard.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
    install(FILES "${_sb_installer_dir}/linux/switchboard.desktop"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/switchboard.svg"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
    install(FILES "${_sb_generated_dir}/${SB_APPSTREAM_ID}.metainfo.xml"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
  endif()
endif()

# ---------------------------------------------------------------------------
# Windows: Qt and every other DLL next to the executables, the icon for the
# shortcuts. Runs at `cmake --install` and therefore inside `cpack -G NSIS`.
if(WIN32)
  install(FILES "${_sb_installer_dir}/windows/switchboard.ico" DESTINATION "${CMAKE_INSTALL_BINDIR}")

  # The MSVC runtime (vcruntime140.dll, msvcp140.dll, ...) beside the
  # executables: no separate VC++ redistributable to install.
  set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION "${CMAKE_INSTALL_BINDIR}")
  include(InstallRequiredSystemLibraries)

  if(SB_BUILD_GUI)
    if(TARGET Qt6::windeployqt)
      set(_sb_windeployqt "$<TARGET_FILE:Qt6::windeployqt>")
    else()
      # MSYS2 names it windeployqt6.
      find_program(SB_WINDEPLOYQT NAMES windeployqt windeployqt6
                   HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" "${QT6_INSTALL_PREFIX}/bin" REQUIRED)
      set(_sb_windeployqt "${SB_WINDEPLOYQT}")
    endif()
    # --svg: the icons are SVG and load through the qsvg plugins, which
    # windeployqt only ships when asked (nothing links Qt6Svg). MSVC's runtime
    # comes from InstallRequiredSystemLibraries; MinGW's from windeployqt.
    if(MSVC)
      set(_sb_runtime_flag --no-compiler-runtime)
    else()
      set(_sb_runtime_flag --compiler-runtime)
    endif()
    string(CONFIGURE [[
      set(_sb_bin "${CMAKE_INSTALL_PREFIX}/@CMAKE_INSTALL_BINDIR@")
      message(STATUS "windeployqt: Qt libraries and plugins into ${_sb_bin}")
      execute_process(
        COMMAND "@_sb_windeployqt@" --dir "${_sb_bin}" --svg --no-opengl-sw --no-system-d3d-compiler
                @_sb_runtime_flag@ "$<TARGET_FILE:switchboard>"
        RESULT_VARIABLE _sb_rc)
      if(_sb_rc)
        message(FATAL_ERROR "windeployqt failed (${_sb_rc})")
      endif()
    ]] _sb_windeployqt_code @ONLY)
    install(CODE "${_sb_windeployqt_code}")
  endif()

  # The other DLLs: libre, librem, OpenSSL, SQLite (and MinGW's runtime),
  # found where their import libraries and headers live (libre's own
  # Makefile installs its DLL into lib/, not bin/).
  set(_sb_dll_roots ${CMAKE_PREFIX_PATH})
  foreach(_var IN ITEMS OPENSSL_INCLUDE_DIR SQLite3_INCLUDE_DIRS)
    if(NOT "${${_var}}" STREQUAL "")
      list(APPEND _sb_dll_roots "${${_var}}/..")
    endif()
  endforeach()
  foreach(_var IN ITEMS LIBRE_PREFIX LIBREM_PREFIX QT6_INSTALL_PREFIX)
    if(NOT "${${_var}}" STREQUAL "")
      list(APPEND _sb_dll_roots "${${_var}}")
    endif()
  endforeach()
  if(VCPKG_INSTALLED_DIR AND VCPKG_TARGET_TRIPLET)
    list(APPEND _sb_dll_roots "${VCPKG_INSTALLED_DIR}/${VCPKG_TARGET_TRIPLET}")
  endif()
  set(_sb_dll_dirs "")
  foreach(_root IN LISTS _sb_dll_roots)
    foreach(_sub IN ITEMS bin lib)
      if(IS_DIRECTORY "${_root}/${_sub}")
        list(APPEND _sb_dll_dirs "${_root}/${_sub}")
      endif()
    endforeach()
  endforeach()
  get_filename_component(_sb_compiler_dir "${CMAKE_CXX_COMPILER}" DIRECTORY)
  list(APPEND _sb_dll_dirs "${_sb_compiler_dir}")
  set(SB_RUNTIME_DLL_DIRS "" CACHE STRING "More folders to search for the DLLs the executables need")
  list(APPEND _sb_dll_dirs ${SB_RUNTIME_DLL_DIRS})
  # Quoted one by one: "C:/Program Files/..." has spaces, and backslashes
  # would be escapes in the generated script.
  set(_sb_dll_dirs_quoted "")
  foreach(_dir IN LISTS _sb_dll_dirs)
    file(TO_CMAKE_PATH "${_dir}" _dir)
    string(APPEND _sb_dll_dirs_quoted " \"${_dir}\"")
  endforeach()

  set(_sb_executables "\"$<TARGET_FILE:switchboard-server>\"")
  if(SB_BUILD_GUI)
    string(APPEND _sb_executables " \"$<TARGET_FILE:switchboard>\"")
  endif()
  # System DLLs (C:/Windows/...) are the operating system's, never shipped.
  # A cross build (scripts/windows-cross) has no C:/Windows to find them in:
  # there they are known by name, and objdump reads the imports.
  set(_sb_cross_setup "")
  set(_sb_system_dlls "")
  if(CMAKE_CROSSCOMPILING)
    set(_sb_cross_setup "set(CMAKE_GET_RUNTIME_DEPENDENCIES_PLATFORM windows+pe)
      set(CMAKE_GET_RUNTIME_DEPENDENCIES_TOOL objdump)
      set(CMAKE_GET_RUNTIME_DEPENDENCIES_COMMAND \"${CMAKE_OBJDUMP}\")")
    set(_sb_system_dlls "\"^(advapi32|bcrypt|comdlg32|crypt32|gdi32|iphlpapi|kernel32|msvcrt|ole32|oleaut32|psapi|secur32|shell32|user32|userenv|uuid|winmm|winspool|ws2_32)\\\\.dll$\"")
  endif()
  string(CONFIGURE [[
    @_sb_cross_setup@
    file(GET_RUNTIME_DEPENDENCIES
      EXECUTABLES @_sb_executables@
      DIRECTORIES @_sb_dll_dirs_quoted@
      RESOLVED_DEPENDENCIES_VAR _sb_dlls
      UNRESOLVED_DEPENDENCIES_VAR _sb_missing
      PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-" @_sb_system_dlls@
      POST_EXCLUDE_REGEXES "^[A-Za-z]:/[Ww][Ii][Nn][Dd][Oo][Ww][Ss]/")
    if(_sb_missing)
      message(FATAL_ERROR "DLLs not found (add their folder to SB_RUNTIME_DLL_DIRS): ${_sb_missing}")
    endif()
    file(INSTALL ${_sb_dlls} DESTINATION "${CMAKE_INSTALL_PREFIX}/@CMAKE_INSTALL_BINDIR@")
  ]] _sb_dll_code @ONLY)
  install(CODE "${_sb_dll_code}")
endif()

# ---------------------------------------------------------------------------
# CPack: common metadata
set(CPACK_VERBATIM_VARIABLES ON)  # values reach the generators exactly as written here
set(CPACK_PACKAGE_NAME "Switchboard")
set(CPACK_PACKAGE_VENDOR "Switchboard")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${SB_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Switchboard is a phone system for a small office: a SIP server that runs on a
desktop, is configured through dialog windows and shows every call in a live
table. It interoperates with carrier and IMS networks: TEL URIs, user=phone,
100rel/PRACK, 180/183 with or without SDP, SIP UPDATE, full-URI authorization
names, outbound proxies for logical IMS domains, SIP over TLS.

The package holds the desktop application (switchboard) and the headless
server (switchboard-server) with a systemd unit, disabled by default.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Switchboard")
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "Switchboard")
if(_sb_license_file)
  set(CPACK_RESOURCE_FILE_LICENSE "${_sb_license_file}")
else()
  set(CPACK_RESOURCE_FILE_LICENSE "${_sb_generated_dir}/copyright")  # never CMake's own default
endif()
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build/" "/build-[^/]*/" "__pycache__")
if(NOT CPACK_GENERATOR)
  if(WIN32)
    set(CPACK_GENERATOR NSIS)
  else()
    set(CPACK_GENERATOR DEB)
  endif()
endif()

# DEB ------------------------------------------------------------------------
set(CPACK_DEBIAN_PACKAGE_NAME "switchboard")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # switchboard_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "comm")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
# Depends from dpkg-shlibdeps over the packaged binaries: libre0, librem0,
# libssl3, libsqlite3-0, libqt6*, libc6, libstdc++6, ...
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(SB_BUILD_GUI)
  # Loaded as plugins, invisible to dpkg-shlibdeps: the SVG icons.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
endif()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${_sb_installer_dir}/linux/debian/postinst"
    "${_sb_installer_dir}/linux/debian/prerm"
    "${_sb_installer_dir}/linux/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# NSIS -----------------------------------------------------------------------
# Per-machine: the installer asks for elevation (RequestExecutionLevel admin in
# CPack's template) and then installs for all users into Program Files.
set(CPACK_NSIS_PACKAGE_NAME "Switchboard")
set(CPACK_NSIS_DISPLAY_NAME "Switchboard")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
# A 64-bit installer for the 64-bit programs: it needs no 32-bit layer
# (WoW64 on Windows; the CI test runs it under wine64 alone).
set(CPACK_NSIS_DEFINES "Target amd64-unicode")
set(CPACK_NSIS_MUI_ICON "${_sb_installer_dir}/windows/switchboard.ico")
set(CPACK_NSIS_MUI_UNIICON "${_sb_installer_dir}/windows/switchboard.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\switchboard.ico")
set(CPACK_NSIS_CONTACT "${SB_PACKAGE_CONTACT}")
set(CPACK_NSIS_UNINSTALL_NAME "Uninstall")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# An upgrade first runs the old uninstaller. The database is not in the
# installation folder (it is in %APPDATA%\Switchboard), so it survives.
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
if(NOT _sb_license_file)
  set(CPACK_NSIS_IGNORE_LICENSE_PAGE ON)
endif()

# Shortcuts: written here instead of through CPACK_PACKAGE_EXECUTABLES so that
# they carry the icon even when the executable has no icon resource.
set(_sb_exe "$INSTDIR\\bin\\switchboard.exe")
set(_sb_ico "$INSTDIR\\bin\\switchboard.ico")
# A server-only build (the cross build, scripts/windows-cross) has no GUI to link to.
if(SB_BUILD_GUI)
  set(CPACK_NSIS_CREATE_ICONS_EXTRA
      "  CreateShortCut \"$SMPROGRAMS\\$STARTMENU_FOLDER\\Switchboard.lnk\" \"${_sb_exe}\" \"\" \"${_sb_ico}\"")
  set(CPACK_NSIS_DELETE_ICONS_EXTRA "  Delete \"$SMPROGRAMS\\$MUI_TEMP\\Switchboard.lnk\"")
  set(_sb_programs switchboard.exe switchboard-server.exe)
  set(_sb_nsis_install "  CreateShortCut \"$DESKTOP\\Switchboard.lnk\" \"${_sb_exe}\" \"\" \"${_sb_ico}\"")
else()
  set(_sb_programs switchboard-server.exe)
  set(_sb_nsis_install "")
endif()

# Windows Firewall: inbound SIP and RTP for the two executables only, on
# domain and private networks. Rules are found again by name on uninstall.
# Ports are the defaults (docs/windows.md says how to change them).
set(_sb_firewall_rules
    "Switchboard SIP (UDP)|UDP|5060"
    "Switchboard SIP (TCP)|TCP|5060"
    "Switchboard SIP over TLS (TCP)|TCP|5061"
    "Switchboard RTP media (UDP)|UDP|10000-20000")
# Rules of the same names from an install that was not uninstalled first.
foreach(_rule IN LISTS _sb_firewall_rules)
  string(REGEX REPLACE "\\|.*" "" _name "${_rule}")
  string(APPEND _sb_nsis_install
         "\n  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name=\"${_name}\"'"
         "\n  Pop $0")
endforeach()
set(_sb_nsis_uninstall "  Delete \"$DESKTOP\\Switchboard.lnk\"")
foreach(_rule IN LISTS _sb_firewall_rules)
  string(REPLACE "|" ";" _rule "${_rule}")
  list(GET _rule 0 _name)
  list(GET _rule 1 _protocol)
  list(GET _rule 2 _ports)
  foreach(_program IN LISTS _sb_programs)
    string(APPEND _sb_nsis_install
           "\n  nsExec::ExecToLog 'netsh advfirewall firewall add rule name=\"${_name}\" dir=in action=allow"
           " program=\"$INSTDIR\\bin\\${_program}\" protocol=${_protocol} localport=${_ports}"
           " profile=domain,private enable=yes'"
           "\n  Pop $0")
  endforeach()
  # Deletes every rule of that name, i.e. the one for each program.
  string(APPEND _sb_nsis_uninstall
         "\n  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name=\"${_name}\"'"
         "\n  Pop $0")
endforeach()
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "${_sb_nsis_install}")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "${_sb_nsis_uninstall}")

include(CPack)

# ---------------------------------------------------------------------------
# ctest: build the .deb from this build tree and inspect it (label packaging).
if(SB_BUILD_TESTS AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  add_test(NAME packaging_deb
    COMMAND bash "${PROJECT_SOURCE_DIR}/tests/packaging/deb_package_test.sh"
            --build-dir "${CMAKE_BINARY_DIR}"
            --cpack "${CMAKE_CPACK_COMMAND}"
            --version "${PROJECT_VERSION}"
            --appstream-id "${SB_APPSTREAM_ID}"
            --gui "$<BOOL:${SB_BUILD_GUI}>")
  set_tests_properties(packaging_deb PROPERTIES
    LABELS packaging
    TIMEOUT 300
    SKIP_RETURN_CODE 77
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()
