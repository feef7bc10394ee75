# Live reload (--watch): a good edit shows within a second and keeps the position; a broken edit keeps
# the last good version on screen with the error in an overlay; fixing it recovers.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/packs ${WORK_DIR}/shots ${WORK_DIR}/config ${WORK_DIR}/data)
file(COPY ${SOURCE_DIR}/content/packs/demo DESTINATION ${WORK_DIR}/packs)
set(ENV{XDG_CONFIG_HOME} ${WORK_DIR}/config)
set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
# The two commands run at the same time (a pipeline): the kiosk and the editor.
execute_process(
  COMMAND ${BIN_DIR}/upstander --headless --size 1280x720 --no-bundled-content --content ${WORK_DIR}/packs --watch
          --workshop demo-tour --group "Watch test" --format group --audience under-18
          --script ${SOURCE_DIR}/tests/tools/data/watch_reload.script --screenshot-dir ${WORK_DIR}/shots
  COMMAND sh ${SOURCE_DIR}/tests/tools/data/watch_editor.sh ${WORK_DIR}/packs/demo
  RESULTS_VARIABLE results)
list(GET results 0 kiosk_rc)
if(NOT kiosk_rc EQUAL 0)
  message(FATAL_ERROR "the kiosk run failed (exit ${kiosk_rc})")
endif()
