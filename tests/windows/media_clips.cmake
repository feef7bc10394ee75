# Makes the media tests' clips and pictures in WORK/media-test-clips by running the Linux build's media
# and ui tests there (cmake -DLINUX_BIN_DIR=... -DWORK=... -P media_clips.cmake).
foreach(t upstander_media_tests upstander_ui_tests)
  if(NOT EXISTS ${LINUX_BIN_DIR}/${t})
    message(FATAL_ERROR "${LINUX_BIN_DIR}/${t} is missing: build the Linux side first (cmake --build build)")
  endif()
  execute_process(COMMAND ${LINUX_BIN_DIR}/${t} WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the Linux ${t} failed (exit ${rc}) while making the clips")
  endif()
endforeach()
