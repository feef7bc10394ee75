# JSON Schema check: bundled packs and good fixtures pass; every case in tests/data/schema-invalid fails
# both the schema (python3-jsonschema) and the loader (upstander-pack validate).
find_program(PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT PYTHON3)
  find_program(PYTHON3 NAMES python3 REQUIRED)
endif()
execute_process(COMMAND ${PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_schema.py
    --source-dir ${SOURCE_DIR} --pack-tool ${BIN_DIR}/upstander-pack
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "schema check failed (exit ${rc})")
endif()
