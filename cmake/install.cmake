# Install layout (`cmake --install build --prefix /usr`, and the .deb built by cmake/package.cmake):
#   bin/                                   upstander, upstander-pack, upstander-report, upstander-cards
#   share/upstander/packs/                 the bundled content packs (content/packs); bundled_content_dir()
#   share/upstander/{fonts,sounds,icons}/  the app's own files (assets/); bundled_assets_dir()
#   share/applications/, share/metainfo/   desktop entry and AppStream metainfo
#   share/icons/hicolor/<N>x<N>/apps/      the icon, 16 to 512 px, and scalable/apps/upstander.svg
#   share/man/man1/                        manual pages (packaging/man)
#   share/doc/upstander/                   README.md, copyright, changelog.gz
include(GNUInstallDirs)

set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
  OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(upstander_installed_programs upstander upstander-pack upstander-report upstander-cards)
install(TARGETS ${upstander_installed_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  # Read-only relocations resolved at start (Debian's hardening defaults; a link-time change only).
  foreach(program ${upstander_installed_programs})
    target_link_options(${program} PRIVATE -Wl,-z,relro -Wl,-z,now)
  endforeach()
endif()

install(DIRECTORY ${CMAKE_SOURCE_DIR}/content/packs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/upstander/packs)

# [SECTION] The app's own files (assets/README.md)
set(upstander_share ${CMAKE_INSTALL_DATADIR}/upstander)
set(upstander_docdir ${CMAKE_INSTALL_DATADIR}/doc/upstander)  # not DOCDIR: that follows the project name, "Upstander"
install(FILES ${CMAKE_SOURCE_DIR}/assets/sounds/vote.wav DESTINATION ${upstander_share}/sounds)
install(FILES ${CMAKE_SOURCE_DIR}/assets/icons/hicolor/64/upstander.png DESTINATION ${upstander_share}/icons/hicolor/64)
set(upstander_fonts
  "DejaVuSans.ttf|truetype/dejavu/DejaVuSans.ttf"
  "DejaVuSans-Bold.ttf|truetype/dejavu/DejaVuSans-Bold.ttf"
  "OpenDyslexic-Regular.otf|opentype/opendyslexic/OpenDyslexic-Regular.otf"
  "OpenDyslexic-Bold.otf|opentype/opendyslexic/OpenDyslexic-Bold.otf")
# Debian's packages already hold DejaVu Sans and OpenDyslexic, so the .deb (cmake/package.cmake sets
# UPSTANDER_FONT_LINKS for its install) links share/upstander/fonts/X -> ../../fonts/<Debian path>, i.e.
# /usr/share/fonts/<Debian path>, and depends on those packages instead of carrying second copies. Every
# other install (`cmake --install`, Windows) gets the copies in assets/fonts with their licences.
set(font_copies)
set(font_links)
foreach(entry ${upstander_fonts})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 system)
  list(APPEND font_copies "${CMAKE_SOURCE_DIR}/assets/fonts/${name}")
  string(APPEND font_links "
    file(CREATE_LINK \"../../fonts/${system}\" \"\${dir}/${name}\" SYMBOLIC)")
endforeach()
list(APPEND font_copies ${CMAKE_SOURCE_DIR}/assets/fonts/LICENSE-DejaVu.txt ${CMAKE_SOURCE_DIR}/assets/fonts/LICENSE-OpenDyslexic.txt)
list(TRANSFORM font_copies REPLACE "(.+)" "\"\\1\"")
list(JOIN font_copies " " font_copies)
install(CODE "
  set(dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${upstander_share}/fonts\")
  if(UPSTANDER_FONT_LINKS)
    message(STATUS \"Installing: \${dir}: links to the Debian font packages' files\")
    file(MAKE_DIRECTORY \"\${dir}\")${font_links}
  else()
    file(INSTALL DESTINATION \"\${dir}\" TYPE FILE FILES ${font_copies})
  endif()")

# [SECTION] Desktop integration
install(FILES ${CMAKE_SOURCE_DIR}/assets/org.upstander.Upstander.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/assets/org.upstander.Upstander.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
foreach(size 16 24 32 48 64 128 256 512)
  install(FILES ${CMAKE_SOURCE_DIR}/assets/icons/hicolor/${size}/upstander.png
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
install(FILES ${CMAKE_SOURCE_DIR}/assets/icons/upstander.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# [SECTION] Manual pages and documentation, compressed as Debian policy asks (gzip -9n: no name, no time)
find_program(GZIP_EXECUTABLE gzip)
set(upstander_man_pages upstander upstander-pack upstander-report upstander-cards)
set(upstander_compressed)
if(GZIP_EXECUTABLE)
  foreach(page ${upstander_man_pages})
    set(out ${CMAKE_BINARY_DIR}/install-docs/${page}.1.gz)
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/install-docs
      COMMAND ${GZIP_EXECUTABLE} -9nc ${CMAKE_SOURCE_DIR}/packaging/man/${page}.1 > ${out}
      DEPENDS ${CMAKE_SOURCE_DIR}/packaging/man/${page}.1 VERBATIM)
    list(APPEND upstander_compressed ${out})
    install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endforeach()
  set(changelog ${CMAKE_BINARY_DIR}/install-docs/changelog.gz)
  add_custom_command(OUTPUT ${changelog}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/install-docs
    COMMAND ${GZIP_EXECUTABLE} -9nc ${CMAKE_SOURCE_DIR}/packaging/debian/changelog > ${changelog}
    DEPENDS ${CMAKE_SOURCE_DIR}/packaging/debian/changelog VERBATIM)
  list(APPEND upstander_compressed ${changelog})
  install(FILES ${changelog} DESTINATION ${upstander_docdir})
  add_custom_target(upstander_install_docs ALL DEPENDS ${upstander_compressed})
else()
  foreach(page ${upstander_man_pages})
    install(FILES ${CMAKE_SOURCE_DIR}/packaging/man/${page}.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endforeach()
  install(FILES ${CMAKE_SOURCE_DIR}/packaging/debian/changelog DESTINATION ${upstander_docdir})
endif()
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/packaging/debian/copyright DESTINATION ${upstander_docdir})
