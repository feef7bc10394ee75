cmake_minimum_required(VERSION 3.25)
# Runs one headless UI script: cmake -DUPSTANDER=... -DSCRIPT=... -DSHOT_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -P run_script.cmake
# Lines starting "# args:" add command-line arguments; @SOURCE_DIR@ and @WORK_DIR@ are substituted.
# The run gets its own config and data folders so nothing on the machine leaks in.
file(REMOVE_RECURSE ${SHOT_DIR} ${WORK_DIR})
file(MAKE_DIRECTORY ${SHOT_DIR} ${WORK_DIR}/config ${WORK_DIR}/data)
file(STRINGS ${SCRIPT} lines)
# The script itself may use @SOURCE_DIR@ and @WORK_DIR@ too: run a configured copy.
get_filename_component(script_name ${SCRIPT} NAME)
configure_file(${SCRIPT} ${WORK_DIR}/${script_name} @ONLY)
set(extra_args "")
foreach(line IN LISTS lines)
  if(line MATCHES "^# args:(.*)$")
    string(REPLACE "@SOURCE_DIR@" "${SOURCE_DIR}" a "${CMAKE_MATCH_1}")
    string(REPLACE "@WORK_DIR@" "${WORK_DIR}" a "${a}")
    separate_arguments(a UNIX_COMMAND "${a}")
    list(APPEND extra_args ${a})
  endif()
endforeach()
# "# config: {...}" writes the run's config file.
foreach(line IN LISTS lines)
  if(line MATCHES "^# config:[ ]*(.*)$")
    file(WRITE ${WORK_DIR}/config/upstander/config.json "${CMAKE_MATCH_1}\n")
  endif()
endforeach()
set(ENV{XDG_CONFIG_HOME} ${WORK_DIR}/config)
set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
set(ENV{HOME} ${WORK_DIR})
execute_process(
  COMMAND ${UPSTANDER} --headless --size 1280x720 --script ${WORK_DIR}/${script_name} --screenshot-dir ${SHOT_DIR} ${extra_args}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "headless script ${SCRIPT} failed (exit ${rc})")
endif()
# Lines "# expect-file: GLOB" check that the run left such files behind (e.g. an exported report).
foreach(line IN LISTS lines)
  if(line MATCHES "^# expect-file:[ ]*(.*)$")
    string(REPLACE "@WORK_DIR@" "${WORK_DIR}" pattern "${CMAKE_MATCH_1}")
    file(GLOB found "${pattern}")
    if(NOT found)
      message(FATAL_ERROR "expected a file matching ${pattern} after the run")
    endif()
  endif()
endforeach()
