# upstander-pack validate probes every video with FFmpeg: an unplayable clip is an error before the session.
include(${CMAKE_CURRENT_LIST_DIR}/pack_common.cmake.inc)

file(COPY ${SOURCE_DIR}/content/packs/demo DESTINATION ${WORK_DIR})
run_pack(0 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "0 errors")

# Replace the demo clip with a text file under the same name.
file(WRITE ${WORK_DIR}/demo/media/demo-clip.mp4 "These are lesson notes, not a video.\n")
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "error: /steps/" "/src: the video \"media/demo-clip.mp4\" cannot be played: "
  "not a video or audio file FFmpeg can read")

# An empty clip.
file(WRITE ${WORK_DIR}/demo/media/demo-clip.mp4 "")
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "cannot be played: the file is empty")
