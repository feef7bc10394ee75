# upstander-pack list: packs, workshops, modules, polls and measures with their ids.
include(${CMAKE_CURRENT_LIST_DIR}/pack_common.cmake.inc)

run_pack(0 out list ${SOURCE_DIR}/content/packs/step-up)
expect_contains("${out}"
  "pack step-up  \"Step Up: Beat Hate\""
  "    school-60  \"Step Up: 60-minute school session\"  60 min, under-18"
  "      modules: welcome measures-pre what-is-hate-crime case-raheem-sterling"
  "    what-is-hate-crime  (topic)  \"What is hate crime?\""
  "      poll pre-knows-perceived-identity-counts  (yes-no, measure knows-perceived-identity-counts, pre)"
  "    would-tell-trusted-adult: " "pre pre-would-tell-trusted-adult in measures-pre" "post post-would-tell-trusted-adult in measures-post")
# Only the folders asked about are listed, though the bundled packs are loaded for references.
run_pack(0 out list ${SOURCE_DIR}/content/packs/example-emerging-issue)
expect_contains("${out}" "pack example-emerging-issue" "step-up/welcome" "world-events-confidence")
string(FIND "${out}" "pack step-up" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "list printed a pack that was not asked for:\n${out}")
endif()

# A folder without packs.
file(MAKE_DIRECTORY ${WORK_DIR}/empty)
run_pack(1 out list ${WORK_DIR}/empty)
expect_contains("${out}" "no packs loaded")

# Text from a pack never reaches the terminal raw: an escape sequence in a title is shown escaped.
file(MAKE_DIRECTORY ${WORK_DIR}/escape)
file(COPY ${SOURCE_DIR}/tests/data/long-text DESTINATION ${WORK_DIR}/escape)
file(READ ${WORK_DIR}/escape/long-text/pack.json pack_text)
string(ASCII 27 esc)
string(REPLACE "\"title\": \"Long text\"" "\"title\": \"Evil ${esc}]0;pwned${esc}[2J\"" pack_text "${pack_text}")
string(REPLACE "${esc}" "\\u001b" pack_text "${pack_text}")
file(WRITE ${WORK_DIR}/escape/long-text/pack.json "${pack_text}")
execute_process(COMMAND ${BIN_DIR}/upstander-pack list ${WORK_DIR}/escape/long-text OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(out MATCHES "${esc}")
  message(FATAL_ERROR "upstander-pack list printed a raw escape character:\n${out}")
endif()
if(NOT out MATCHES "Evil \\\\x1b\\]0;pwned\\\\x1b\\[2J")
  message(FATAL_ERROR "the title was not shown escaped:\n${out}${err}")
endif()
