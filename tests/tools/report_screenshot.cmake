# Renders an impact report in headless Chromium (tools/report-screenshot.sh) and checks that a real
# PNG came out. Skipped, with a message, when Chromium is not installed.
find_program(CHROMIUM NAMES chromium chromium-browser google-chrome)
if(NOT CHROMIUM)
  message(STATUS "chromium is not installed: report screenshot test skipped")
  return()
endif()
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${BIN_DIR}/upstander-report --generate-sample 150 ${WORK_DIR}/sessions
  RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generating sample sessions failed: ${rc}")
endif()
execute_process(COMMAND ${BIN_DIR}/upstander-report --target-participants 3000 --html ${WORK_DIR}/impact.html
  ${WORK_DIR}/sessions ${SOURCE_DIR}/tests/data/report/quoting RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "upstander-report failed: ${rc}")
endif()
execute_process(COMMAND bash ${SOURCE_DIR}/tools/report-screenshot.sh ${WORK_DIR}/impact.html ${WORK_DIR}/impact.png
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "report-screenshot.sh failed (${rc}):\n${out}\n${err}")
endif()
file(SIZE ${WORK_DIR}/impact.png size)
file(READ ${WORK_DIR}/impact.png magic HEX LIMIT 8)
if(NOT magic STREQUAL "89504e470d0a1a0a")
  message(FATAL_ERROR "impact.png is not a PNG (starts with ${magic})")
endif()
# A blank 1240x1754 page compresses to a few kilobytes; a rendered report is far larger.
if(size LESS 40000)
  message(FATAL_ERROR "impact.png is only ${size} bytes: the page looks empty")
endif()
message(STATUS "screenshot: ${WORK_DIR}/impact.png (${size} bytes)")
