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

# Content that escapes the pack: a ".mp4" holding an HLS playlist or a concat list names a clip outside
# the pack (FFmpeg would play it). validate reads media as the player does, through a reader that can
# open only the one file, and says what the file really is.
file(COPY ${SOURCE_DIR}/content/packs/demo/media/demo-clip.mp4 DESTINATION ${WORK_DIR}/outside)
execute_process(COMMAND ffmpeg -nostdin -v error -y -i ${WORK_DIR}/outside/demo-clip.mp4 -c copy -f mpegts
  ${WORK_DIR}/outside/clip.ts RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ffmpeg could not make the outside clip")
endif()
file(WRITE ${WORK_DIR}/demo/media/demo-clip.mp4
  "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\n${WORK_DIR}/outside/clip.ts\n#EXT-X-ENDLIST\n")
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "/src: the video \"media/demo-clip.mp4\" cannot be played: the file is an HLS playlist, "
  "not a video: it names other files or addresses to read")

file(CREATE_LINK ${WORK_DIR}/outside ${WORK_DIR}/demo/media/elsewhere SYMBOLIC)
file(WRITE ${WORK_DIR}/demo/media/demo-clip.mp4 "ffconcat version 1.0\nfile elsewhere/demo-clip.mp4\n")
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "cannot be played: the file is an FFmpeg concat list, not a video")

# The same tricks in a SubRip caption file (a .vtt must start with WEBVTT, which the loader checks).
file(COPY ${SOURCE_DIR}/content/packs/demo/media/demo-clip.mp4 DESTINATION ${WORK_DIR}/demo/media)
file(READ ${WORK_DIR}/demo/modules/what-is-hate-crime.json module)
string(REPLACE "media/demo-clip.vtt" "media/demo-clip.srt" module "${module}")
file(WRITE ${WORK_DIR}/demo/modules/what-is-hate-crime.json "${module}")
file(WRITE ${WORK_DIR}/outside/secret.vtt "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nFrom outside the pack\n")
file(WRITE ${WORK_DIR}/demo/media/demo-clip.srt "1\n00:00:00,000 --> 00:00:02,000\nA caption\n")
run_pack(0 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "0 errors")
file(WRITE ${WORK_DIR}/demo/media/demo-clip.srt "ffconcat version 1.0\nfile elsewhere/secret.vtt\n")
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "/captions: the captions \"media/demo-clip.srt\" cannot be used: the caption file is an "
  "FFmpeg concat list, not WebVTT or SubRip")
file(WRITE ${WORK_DIR}/demo/media/demo-clip.srt
  "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\nfile:${WORK_DIR}/outside/clip.ts\n#EXT-X-ENDLIST\n")
run_pack(1 out validate ${WORK_DIR}/demo)
expect_contains("${out}" "the caption file is an HLS playlist")

# Pictures are decoded as the kiosk decodes them: a cut-off PNG and one whose header claims
# 100000 x 100000 pixels (45 bytes on disk) are errors, with the limit stated.
file(COPY ${SOURCE_DIR}/content/packs/demo DESTINATION ${WORK_DIR}/pictures)
set(picture ${WORK_DIR}/pictures/demo/media/five-strands.png)
run_pack(0 out validate ${WORK_DIR}/pictures/demo)
expect_contains("${out}" "0 errors")
file(SIZE ${picture} picture_bytes)
math(EXPR half "${picture_bytes} / 2")
execute_process(COMMAND head -c ${half} ${SOURCE_DIR}/content/packs/demo/media/five-strands.png OUTPUT_FILE ${picture})
run_pack(1 out validate ${WORK_DIR}/pictures/demo)
expect_contains("${out}" "/src: the picture \"media/five-strands.png\" cannot be shown: the picture is incomplete")
execute_process(COMMAND python3 -c "import struct,sys; sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n' + struct.pack('>I', 13) + b'IHDR' + struct.pack('>II', 100000, 100000) + bytes([8, 6, 0, 0, 0]) + bytes(8) + b'IEND' + bytes(4))"
  OUTPUT_FILE ${picture} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "python3 could not write the picture header")
endif()
run_pack(1 out validate ${WORK_DIR}/pictures/demo)
expect_contains("${out}" "cannot be shown: the picture is 100000 x 100000 pixels, more than the limit of 8192 pixels on a side")

# A FIFO in place of the clip must not hang validate (a plain open() would wait for a writer forever).
file(REMOVE ${WORK_DIR}/demo/media/demo-clip.mp4)
execute_process(COMMAND mkfifo ${WORK_DIR}/demo/media/demo-clip.mp4 RESULT_VARIABLE rc)
if(rc EQUAL 0)
  execute_process(COMMAND ${PACK_TOOL} validate ${WORK_DIR}/demo TIMEOUT 60
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "validate with a FIFO as the clip: exit ${rc}, expected 1\n${out}${err}")
  endif()
  expect_contains("${out}" "media/demo-clip.mp4")
endif()
