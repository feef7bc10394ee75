# upstander-report over a folder of programme files: the funded-target line, the counts and the paired
# outcomes against golden CSVs; a sealed file without the key is counted and named; keygen makes a key
# that --secret-key accepts, refuses to overwrite a key file, and a key for another kiosk's files is
# named as the reason they cannot be opened.
set(exe ${BIN_DIR}/upstander-report)
set(data ${SOURCE_DIR}/tests/data/programmes)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run expect_rc)
  execute_process(COMMAND ${exe} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "upstander-report ${ARGN}: exit ${rc}, expected ${expect_rc}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

function(expect_in haystack needle what)
  string(FIND "${haystack}" "${needle}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${what}: \"${needle}\" not found in:\n${haystack}")
  endif()
endfunction()

function(expect_same_file actual golden)
  file(READ ${actual} a)
  file(READ ${golden} g)
  if(NOT a STREQUAL g)
    message(FATAL_ERROR "${actual} differs from the golden file ${golden}:\n${a}")
  endif()
endfunction()

run(0 ${data} --target-one-to-one 40 --today 2026-12-02 --csv ${WORK_DIR}/impact.csv --html ${WORK_DIR}/impact.html
    --json ${WORK_DIR}/impact.json)
expect_in("${out}" "37 of 40 one-to-one sessions, 30 with under-18s" "text")
expect_in("${out}" "13 started (10 under-18, 3 adult), 12 completed, 1 stopped" "text")
expect_in("${out}" "Sealed, not read (give --secret-key to read them): 1" "text")
expect_in("${out}" "0123456789abcdef0123456789abcdef.sealed.json" "text names the sealed file")
expect_same_file(${WORK_DIR}/impact-programmes.csv ${SOURCE_DIR}/tests/data/report/golden-programmes.csv)
expect_same_file(${WORK_DIR}/impact-programme-outcomes.csv ${SOURCE_DIR}/tests/data/report/golden-programme-outcomes.csv)
file(READ ${WORK_DIR}/impact.html html)
expect_in("${html}" "<h2>One-to-one programmes</h2>" "HTML")
expect_in("${html}" "37 of 40 one-to-one sessions, 30 with under-18s" "HTML")
expect_in("${html}" "Wilcoxon signed-rank test" "HTML")
expect_in("${html}" "<h2>Schools and groups reached</h2>" "HTML")
file(READ ${WORK_DIR}/impact.json json)
expect_in("${json}" "\"headline\": \"37 of 40 one-to-one sessions, 30 with under-18s\"" "JSON")
expect_in("${json}" "\"by_organisation\"" "JSON")

# Fewer than five completed programmes: counts, no outcome figures.
file(MAKE_DIRECTORY ${WORK_DIR}/few)
file(GLOB some ${data}/programme-0*.json ${data}/programme-1*.json ${data}/programme-2*.json)
list(LENGTH some n)
list(SUBLIST some 0 3 some)
file(COPY ${some} DESTINATION ${WORK_DIR}/few)
run(0 ${WORK_DIR}/few --today 2026-12-02)
expect_in("${out}" "Outcome figures are given only when at least 5 programmes have been completed" "few")

# keygen, and --secret-key
run(0 keygen --out ${WORK_DIR}/partnership.key)
expect_in("${out}" "\"programme_public_key\": \"" "keygen prints the config line")
run(1 keygen --out ${WORK_DIR}/partnership.key)
expect_in("${err}" "never overwritten" "keygen refuses an existing file")
run(0 ${data} --secret-key ${WORK_DIR}/partnership.key --today 2026-12-02)
expect_in("${out}" "could not be opened: it was sealed to a different public key" "a key for other files")
file(WRITE ${WORK_DIR}/bad.key "hello\n")
run(2 ${data} --secret-key ${WORK_DIR}/bad.key)
expect_in("${err}" "not an Upstander secret key file" "a file that is not a key")
