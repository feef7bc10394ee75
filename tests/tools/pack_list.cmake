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
