# A short soak (tools/soak.sh --loops 3): the kiosk runs the demo workshop three times in one headless
# process, from the title screen to the end of the session, playing the video and casting 5 votes on
# every poll; every loop must leave a finished session file with all its votes. RSS and descriptor
# growth are printed but not judged on so few loops (the 100-loop soak judges them).
get_filename_component(build_dir ${BIN_DIR} DIRECTORY)
execute_process(
  COMMAND ${SOURCE_DIR}/tools/soak.sh --loops 3 --workshop demo-tour --build ${build_dir} --no-growth-check
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tools/soak.sh --loops 3 failed (exit ${rc})")
endif()
if(NOT out MATCHES "soak: 3 session files, 3 finished, [1-9][0-9]* votes on disk, 0 polls without their 5 votes")
  message(FATAL_ERROR "the short soak did not leave 3 finished sessions with 5 votes on every poll")
endif()
