# Windows resources for an executable: the Upstander icon, the application manifest and version
# information (assets/windows/upstander.rc.in and upstander.manifest.in), compiled by MinGW-w64's
# windres (CMAKE_RC_COMPILER in cmake/mingw-w64.cmake). Does nothing outside a Windows build.
#   upstander_windows_resources(<target> "<description shown in Explorer>")
function(upstander_windows_resources target description)
  if(NOT WIN32)
    return()
  endif()
  set(UPSTANDER_RC_NAME ${target})
  set(UPSTANDER_RC_FILE ${target}.exe)
  set(UPSTANDER_RC_DESCRIPTION "${description}")
  set(UPSTANDER_RC_ICON ${CMAKE_SOURCE_DIR}/assets/icons/upstander.ico)
  set(dir ${CMAKE_BINARY_DIR}/generated/windows-resources/${target})
  set(UPSTANDER_RC_MANIFEST ${dir}/${target}.manifest)
  configure_file(${CMAKE_SOURCE_DIR}/assets/windows/upstander.manifest.in ${UPSTANDER_RC_MANIFEST} @ONLY)
  configure_file(${CMAKE_SOURCE_DIR}/assets/windows/upstander.rc.in ${dir}/${target}.rc @ONLY)
  target_sources(${target} PRIVATE ${dir}/${target}.rc)
  # windres does not see the icon and manifest as inputs of the .rc: name them, so a change rebuilds it.
  set_source_files_properties(${dir}/${target}.rc PROPERTIES
    OBJECT_DEPENDS "${UPSTANDER_RC_ICON};${UPSTANDER_RC_MANIFEST}")
endfunction()
