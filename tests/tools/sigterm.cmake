# Stopping on SIGTERM (a laptop shutting down, a service manager): the kiosk stops cleanly within a
# few seconds, without waiting for a PIN or confirmation nobody is there to give, says so, exits 0,
# and leaves the session in progress on disk with its vote, so the next start offers to resume it
# (and then still starts the workshop a --workshop shortcut asked for).
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/config ${WORK_DIR}/data ${WORK_DIR}/sessions ${WORK_DIR}/shots)
file(WRITE ${WORK_DIR}/long.script "expect-text \"Module 1 of 5\"
key Right
key 4
wait-until-text \"Vote counted\" 5000
wait 120000
")
file(WRITE ${WORK_DIR}/run.sh "
XDG_CONFIG_HOME=${WORK_DIR}/config XDG_DATA_HOME=${WORK_DIR}/data \\
  ${BIN_DIR}/upstander --headless --script ${WORK_DIR}/long.script --screenshot-dir ${WORK_DIR}/shots \\
  --data-dir ${WORK_DIR}/sessions --no-bundled-content --content ${SOURCE_DIR}/content/packs/demo \\
  --workshop demo-tour --group 'Signal test' --format group --audience under-18 2>${WORK_DIR}/stderr.txt &
pid=$!
# Wait for the vote to be on disk, then ask the kiosk to stop.
for i in $(seq 300); do grep -qs '\"count\": 1' ${WORK_DIR}/sessions/*.json && break; sleep 0.1; done
kill -TERM $pid
for i in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then kill -KILL $pid; echo 'still running 10 s after SIGTERM'; exit 1; fi
wait $pid
echo rc=$?
")
execute_process(COMMAND sh ${WORK_DIR}/run.sh RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ ${WORK_DIR}/stderr.txt kiosk_err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "rc=0")
  message(FATAL_ERROR "the kiosk did not stop cleanly on SIGTERM (${rc}): ${out}${err}\n${kiosk_err}")
endif()
if(NOT kiosk_err MATCHES "stopping \\(Terminated\\)" OR NOT kiosk_err MATCHES "can be resumed")
  message(FATAL_ERROR "no message about stopping:\n${kiosk_err}")
endif()
file(GLOB files ${WORK_DIR}/sessions/*.json)
list(LENGTH files n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected one session file, found ${n}: ${files}")
endif()
file(READ ${files} session)
if(NOT session MATCHES "\"status\": \"in-progress\"" OR NOT session MATCHES "\"count\": 1")
  message(FATAL_ERROR "the session is not in progress with its vote:\n${session}")
endif()

# The next start, as a desktop shortcut would make it (--workshop): the unfinished session is offered
# first; after "Close it as finished" the requested workshop starts, and the old file is finished.
file(WRITE ${WORK_DIR}/next.script "expect-text \"An unfinished session was found\"
click \"Close it as finished\"
expect-text \"Module 1 of 5\"
")
execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_CONFIG_HOME=${WORK_DIR}/config XDG_DATA_HOME=${WORK_DIR}/data
                ${BIN_DIR}/upstander --headless --script ${WORK_DIR}/next.script --screenshot-dir ${WORK_DIR}/shots
                --data-dir ${WORK_DIR}/sessions --no-bundled-content --content ${SOURCE_DIR}/content/packs/demo
                --workshop demo-tour --group "Signal test 2" --format group --audience under-18
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the next start did not offer the session and then start the workshop (${rc}):\n${out}${err}")
endif()
file(READ ${files} session)
if(NOT session MATCHES "\"status\": \"finished\"" OR NOT session MATCHES "\"count\": 1")
  message(FATAL_ERROR "the old session was not closed as finished with its vote:\n${session}")
endif()
