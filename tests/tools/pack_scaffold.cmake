# new-pack + new-module + validate round trip; scaffolds refuse to overwrite; lint flags only placeholders.
include(${CMAKE_CURRENT_LIST_DIR}/pack_common.cmake.inc)
set(P ${WORK_DIR}/my-pack)

run_pack(0 out new-pack ${P} --id my-pack --title "My new pack")
expect_contains("${out}" "created ${P}/pack.json" "created ${P}/modules/welcome.json")
run_pack(0 out new-module ${P} --type topic --id race --title "Race")
expect_contains("${out}" "Add \"race\" to a workshop's \"modules\" list in ${P}/pack.json")
run_pack(0 out new-module ${P} --type case_study --id a-story --title "A story")
run_pack(0 out new-module ${P} --type scenario --id group-chat --title "The group chat")
run_pack(0 out validate ${P})
expect_contains("${out}" "1 pack loaded, 0 skipped (4 modules, 1 workshop): 0 errors, 0 warnings")

# Add the new modules to the workshop, as new-module says, and validate again.
file(READ ${P}/pack.json pack)
string(REPLACE "\"welcome\"" "\"welcome\", \"race\", \"a-story\", \"group-chat\"" pack "${pack}")
file(WRITE ${P}/pack.json "${pack}")
run_pack(0 out validate ${P})
expect_contains("${out}" "0 errors, 0 warnings")

# Lint: every warning is about placeholder text ("Write ... here"), except that the scaffolded
# under-18 workshop does not yet show pupils where to get help.
run_pack(0 out lint ${P})
expect_contains("${out}" "is for under-18s but no pupil screen in it shows 999, 101, True Vision")
string(REPLACE ";" "," out "${out}")  # a ";" in a message would split it in the list below
string(REGEX MATCHALL "warning: [^\n]*" warnings "${out}")
list(LENGTH warnings n)
if(n LESS 10)
  message(FATAL_ERROR "expected placeholder warnings from lint, got:\n${out}")
endif()
foreach(w ${warnings})
  if(NOT w MATCHES "placeholder text \"Write " AND NOT w MATCHES "is for under-18s but no pupil screen")
    message(FATAL_ERROR "lint warning that is not about a placeholder: ${w}")
  endif()
endforeach()

# Never overwrite.
file(READ ${P}/modules/race.json before)
run_pack(2 out new-module ${P} --type scenario --id race --title "Again")
expect_contains("${out}" "already")
file(READ ${P}/modules/race.json after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "new-module overwrote modules/race.json")
endif()
run_pack(2 out new-pack ${P} --id my-pack --title "Again")
expect_contains("${out}" "pack.json already exists; not overwriting it")
# A module id already used by a file with another name is refused too.
file(RENAME ${P}/modules/race.json ${P}/modules/renamed.json)
run_pack(2 out new-module ${P} --type topic --id race --title "Race")
expect_contains("${out}" "already has a module with id \"race\"")
