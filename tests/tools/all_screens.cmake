# Every screen at the smallest and largest supported sizes (1024x768 and 3840x2160), for people to look
# at: screenshots land in WORK_DIR/<size>/. The runs also check, as they go, that each screen shows up.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
set(sizes 1024x768 3840x2160)
if(SANITIZED)
  set(sizes 1024x768)  # the sanitizer build: the same code, without its slowest pass
endif()
foreach(size ${sizes})
  set(dir ${WORK_DIR}/${size})
  file(MAKE_DIRECTORY ${dir}/config/upstander ${dir}/data ${dir}/shots)
  set(ENV{XDG_CONFIG_HOME} ${dir}/config)
  set(ENV{XDG_DATA_HOME} ${dir}/data)
  set(ENV{HOME} ${dir})
  set(content --no-bundled-content --content ${SOURCE_DIR}/content/packs/demo --content ${SOURCE_DIR}/tests/data/packs/broken)
  execute_process(COMMAND ${BIN_DIR}/upstander --headless --size ${size} ${content}
                          --script ${SOURCE_DIR}/tests/tools/data/all_screens_a.script --screenshot-dir ${dir}/shots
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${size} first run failed (exit ${rc}): ${err}")
  endif()
  # A PIN so the second run can show the PIN prompt (hash of 4821).
  file(WRITE ${dir}/pin.txt "4821\n4821\n")
  execute_process(COMMAND ${BIN_DIR}/upstander --set-pin INPUT_FILE ${dir}/pin.txt RESULT_VARIABLE rc ERROR_QUIET)
  execute_process(COMMAND ${BIN_DIR}/upstander --headless --size ${size} ${content} --windows projector presenter booth
                          --script ${SOURCE_DIR}/tests/tools/data/all_screens_b.script --screenshot-dir ${dir}/shots
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${size} second run failed (exit ${rc}): ${err}")
  endif()
endforeach()
