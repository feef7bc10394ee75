# upstander-pack validate agrees with the app about module files that lead out of the pack: a module
# file that is a symbolic link to /etc/passwd, /dev/zero or ../../.. is an error in validate (exit 1),
# as the app's loader skips the pack (tests/core/test_hostile_files.cpp checks the loader side).
include(${CMAKE_CURRENT_LIST_DIR}/pack_common.cmake.inc)

file(MAKE_DIRECTORY ${WORK_DIR}/packs)
foreach(pair "passwd=/etc/passwd" "zero=/dev/zero" "up=../../..")
  string(REPLACE "=" ";" parts "${pair}")
  list(GET parts 0 name)
  list(GET parts 1 target)
  set(pack ${WORK_DIR}/packs/${name})
  run_pack(0 out new-pack --id "links-${name}" --title "Links" ${pack})
  file(CREATE_LINK "${target}" ${pack}/modules/evil.json SYMBOLIC)
  run_pack(1 out validate ${pack})
  expect_contains("${out}" "modules/evil.json: error: this is a symbolic link to"
                  "which is outside the pack folder" "0 packs loaded, 1 skipped" ": 1 error,")
  # The same pack reached through a folder of packs, and through a link to the pack folder.
  file(CREATE_LINK ${pack} ${WORK_DIR}/via-link-${name} SYMBOLIC)
  run_pack(1 out validate ${WORK_DIR}/via-link-${name})
  expect_contains("${out}" "modules/evil.json: error: this is a symbolic link to" ": 1 error,")
endforeach()
run_pack(1 out validate ${WORK_DIR}/packs)
expect_contains("${out}" "0 packs loaded, 3 skipped (0 modules, 0 workshops): 3 errors")
