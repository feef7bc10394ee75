# Links that lead out of a pack or out of the folders a report is given are never followed, checked
# with links made the Linux way and read by the programs under test. The Windows build runs it too:
# there std::filesystem resolves no links at all (and Wine shows a link to a file as a plain file), so
# the loader and the reports resolve every path's real location instead (GetFinalPathNameByHandleW).
include(${CMAKE_CURRENT_LIST_DIR}/pack_common.cmake.inc)  # run_pack, expect_contains; empties WORK_DIR

# [SECTION] A pack's media through links
file(MAKE_DIRECTORY ${WORK_DIR}/outside)
file(COPY ${SOURCE_DIR}/content/packs/demo DESTINATION ${WORK_DIR})
file(WRITE ${WORK_DIR}/outside/secret.vtt "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nFrom outside the pack\n")
file(REMOVE ${WORK_DIR}/demo/media/demo-clip.vtt)
file(CREATE_LINK ${WORK_DIR}/outside/secret.vtt ${WORK_DIR}/demo/media/demo-clip.vtt SYMBOLIC)
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "\"media/demo-clip.vtt\" leads through a symbolic link to" "outside the pack folder")
string(FIND "${out}" "From outside the pack" leaked)
if(NOT leaked EQUAL -1)
  message(FATAL_ERROR "the outside file's text was shown:\n${out}")
endif()
# A media folder that is a link out of the pack.
file(REMOVE ${WORK_DIR}/demo/media/demo-clip.vtt)
file(COPY ${SOURCE_DIR}/content/packs/demo/media/demo-clip.vtt DESTINATION ${WORK_DIR}/demo/media)
file(RENAME ${WORK_DIR}/demo/media ${WORK_DIR}/outside/media-real)
file(CREATE_LINK ${WORK_DIR}/outside/media-real ${WORK_DIR}/demo/media SYMBOLIC)
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "leads through a symbolic link to" "outside the pack folder")
# A link inside the pack to a file inside the pack is fine.
file(REMOVE ${WORK_DIR}/demo/media)
file(RENAME ${WORK_DIR}/outside/media-real ${WORK_DIR}/demo/media)
file(RENAME ${WORK_DIR}/demo/media/demo-clip.vtt ${WORK_DIR}/demo/media/captions-real.vtt)  # the real one
file(CREATE_LINK ${WORK_DIR}/demo/media/captions-real.vtt ${WORK_DIR}/demo/media/demo-clip.vtt SYMBOLIC)
run_pack(0 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "1 pack loaded")

# [SECTION] Session files through links
set(sessions ${WORK_DIR}/sessions)
file(COPY ${SOURCE_DIR}/tests/data/report/sessions/kiosk-a/2024-09-12-aaaa0001.json DESTINATION ${sessions})
file(COPY ${SOURCE_DIR}/tests/data/report/sessions/kiosk-a/2024-10-03-bbbb0002.json DESTINATION ${WORK_DIR}/outside/more)
file(CREATE_LINK ${WORK_DIR}/outside/more/2024-10-03-bbbb0002.json ${sessions}/linked.json SYMBOLIC)
file(CREATE_LINK ${WORK_DIR}/outside/more ${sessions}/linked-folder SYMBOLIC)
# A folder link inside the folder given, back to it: not entered (no loop, no session counted twice).
file(CREATE_LINK ${sessions} ${sessions}/loop SYMBOLIC)
execute_process(COMMAND ${BIN_DIR}/upstander-report ${sessions} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "upstander-report: exit ${rc}\n${out}\n${err}")
endif()
expect_contains("${out}${err}" "Sessions: 1 (2024-09-12 to 2024-09-12)" "linked.json" "linked-folder"
                "outside the folders given")
