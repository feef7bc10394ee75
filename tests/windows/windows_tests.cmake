# Windows tests, run under Wine (included from tests/CMakeLists.txt in the cross build only).
#
# The CMake-script tests call programs by path (${BIN_DIR}/upstander-pack ...). For Windows each gets
# a small shell wrapper bin/<name> that runs bin/<name>.exe through tools/wine-run.sh, with the XDG
# folders the scripts set mapped onto the Windows ones (XDG_CONFIG_HOME -> %APPDATA%, XDG_DATA_HOME ->
# %LOCALAPPDATA%, HOME -> %USERPROFILE%), so the same scripts check the Windows programs.
set(wine_run ${CMAKE_SOURCE_DIR}/tools/wine-run.sh)
foreach(exe upstander upstander-pack upstander-report)
  file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/bin/${exe}
    CONTENT "#!/bin/sh\nUPSTANDER_WINE_MAP_XDG=1 exec '${wine_run}' '${UPSTANDER_WIN_PREFIX}' '${CMAKE_BINARY_DIR}/bin/${exe}.exe' \"$@\"\n"
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()

# Headless kiosk scripts (SDL's dummy video driver): workshops walked, votes cast, session files checked.
set(windows_ui_scripts
  attract_screen
  demo_walk
  poll_voting
  step_up_walk
  impact_and_settings
  ballot_booth
  camera_missing
  handsets_sdl
  world_text)
foreach(name ${windows_ui_scripts})
  add_test(NAME ui.${name}
    COMMAND ${CMAKE_COMMAND} -DUPSTANDER=${CMAKE_BINARY_DIR}/bin/upstander
      -DSCRIPT=${CMAKE_CURRENT_SOURCE_DIR}/ui/${name}.script
      -DSHOT_DIR=${CMAKE_BINARY_DIR}/screenshots/${name} -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
      -DWORK_DIR=${CMAKE_BINARY_DIR}/ui-work/${name} "-DMISSING_CAMERA=video=Upstander camera that is not there"
      -P ${CMAKE_CURRENT_SOURCE_DIR}/ui/run_script.cmake)
  set_tests_properties(ui.${name} PROPERTIES TIMEOUT 600)
endforeach()

# Tool tests that run unchanged against the Windows programs.
set(windows_tool_tests
  pack_validate
  pack_list
  pack_validate_links
  links_out_of_folders
  pin
  report_cli)
foreach(name ${windows_tool_tests})
  add_test(NAME tools.${name}
    COMMAND ${CMAKE_COMMAND} -DBIN_DIR=${CMAKE_BINARY_DIR}/bin -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
      -DWORK_DIR=${CMAKE_BINARY_DIR}/tool-work/${name} -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/${name}.cmake)
  set_tests_properties(tools.${name} PROPERTIES TIMEOUT 900)
endforeach()

# Windows-only checks: the bundled packs validate, the report's CSV is byte for byte the Linux build's,
# folders with non-ASCII names work, the installer installs and uninstalls, and the kiosk is a GUI
# program while the tools are console ones.
set(UPSTANDER_LINUX_BIN_DIR "${CMAKE_SOURCE_DIR}/build/bin" CACHE PATH
  "The Linux build's bin folder, whose upstander-report output the Windows one must match")
foreach(name bundled_packs_validate report_csv_matches_linux unicode_folders installer subsystems)
  add_test(NAME windows.${name}
    COMMAND ${CMAKE_COMMAND} -DBIN_DIR=${CMAKE_BINARY_DIR}/bin -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
      -DLINUX_BIN_DIR=${UPSTANDER_LINUX_BIN_DIR} -DWIN_PREFIX=${UPSTANDER_WIN_PREFIX}
      -DDIST_DIR=${CMAKE_BINARY_DIR}/dist -DVERSION=${PROJECT_VERSION} -DOBJDUMP=${CMAKE_OBJDUMP}
      -DWORK_DIR=${CMAKE_BINARY_DIR}/windows-work/${name} -P ${CMAKE_CURRENT_SOURCE_DIR}/windows/${name}.cmake)
  set_tests_properties(windows.${name} PROPERTIES TIMEOUT 900 SKIP_RETURN_CODE 77 SKIP_REGULAR_EXPRESSION "UPSTANDER-TEST-SKIPPED")
endforeach()

# Answer cards read from a recording through the kiosk's camera reader (the same code takes a
# DirectShow webcam), the recording made by the Linux build's upstander-cards.
add_test(NAME tools.cards_scan
  COMMAND ${CMAKE_COMMAND} -DBIN_DIR=${CMAKE_BINARY_DIR}/bin -DSOURCE_DIR=${CMAKE_SOURCE_DIR}
    -DWORK_DIR=${CMAKE_BINARY_DIR}/tool-work/cards_scan -DCARDS_TOOL=${UPSTANDER_LINUX_BIN_DIR}/upstander-cards
    -DSIZES=1024x768 -P ${CMAKE_CURRENT_SOURCE_DIR}/tools/cards_scan.cmake)
set_tests_properties(tools.cards_scan PROPERTIES TIMEOUT 900)

# The media and picture tests make their clips with the ffmpeg program, which the Windows side does not
# have: the Linux build's same tests make them first, in this build folder's media-test-clips (where the
# Windows tests find them by name).
add_test(NAME windows.media_clips
  COMMAND ${CMAKE_COMMAND} -DLINUX_BIN_DIR=${UPSTANDER_LINUX_BIN_DIR} -DWORK=${CMAKE_BINARY_DIR}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/windows/media_clips.cmake)
set_tests_properties(windows.media_clips PROPERTIES FIXTURES_SETUP media_clips TIMEOUT 900)
set_tests_properties(media.all ui.all PROPERTIES FIXTURES_REQUIRED media_clips)
