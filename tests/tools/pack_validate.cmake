# upstander-pack validate and lint on the demo pack and the test fixtures.
include(${CMAKE_CURRENT_LIST_DIR}/pack_common.cmake.inc)
set(PACKS ${SOURCE_DIR}/tests/data/packs)

run_pack(0 out validate ${SOURCE_DIR}/content/packs/demo)
expect_contains("${out}" "1 pack loaded, 0 skipped (5 modules, 1 workshop): 0 errors, 0 warnings")

run_pack(0 out lint ${SOURCE_DIR}/content/packs/demo)
expect_contains("${out}" "lint: 1 pack checked: 0 errors, 0 warnings")

# good-b uses modules of good-a: they are loaded together.
run_pack(0 out validate ${PACKS}/good-a ${PACKS}/good-b)
expect_contains("${out}" "2 packs loaded, 0 skipped (4 modules, 2 workshops): 0 errors, 0 warnings")
run_pack(1 out validate ${PACKS}/good-b)
expect_contains("${out}" "/workshops/0/modules/0: no loaded pack has the id \"good-a\"")

# The broken fixture: every problem, with file:line:column and pointer (see its README).
run_pack(1 out validate ${PACKS}/broken)
expect_contains("${out}"
  "broken/pack.json:6:14: error: /version: version \"1.0\" is not a semantic version"
  "broken/modules/syntax.json:5:9: error: invalid JSON: syntax error"
  "broken/modules/typos.json:6:84: warning: /steps/0/facilitator_note: unknown field \"facilitator_note\" is ignored; did you mean \"facilitator_notes\"?"
  "broken/modules/typos.json:7:14: error: /steps/1/type: unknown step type \"vidoe\" (did you mean \"video\"?); expected one of title, text, image, discussion, video, poll, choice, impact_map, restorative_questions, harmed_questions"
  "broken/modules/typos.json:8:30: error: /steps/2/src: file \"media/missing.png\" not found in the pack"
  "broken/modules/typos.json:9:96: error: /steps/3/options: a single poll needs 2 to 6 options; this one has 1"
  "broken/pack.json:13:28: error: /workshops/0/modules/1: no module with id \"missing-module\" in this pack"
  "0 packs loaded, 1 skipped (0 modules, 0 workshops): 6 errors, 1 warning")

# A folder of packs: the broken one is skipped, the good ones load.
run_pack(1 out validate ${PACKS})
expect_contains("${out}" "2 packs loaded, 1 skipped (4 modules, 2 workshops): 6 errors, 1 warning")

# A folder without packs is a problem, not a usage error.
file(MAKE_DIRECTORY ${WORK_DIR}/empty)
run_pack(1 out validate ${WORK_DIR}/empty)
expect_contains("${out}" "no packs found")

# lint exits 0 with warnings, 1 with --strict; --max-grade is applied per step.
run_pack(0 out lint ${PACKS}/good-a --max-grade 0)
expect_contains("${out}" "/steps/1: reads at about grade" "above the target of grade 0.0" "has no facilitator notes")
run_pack(1 out lint --strict ${PACKS}/good-a)
expect_contains("${out}" "modules/outro.json:" "/steps/1: this poll step has no facilitator notes")
run_pack(1 out lint ${PACKS}/broken)
