# The facilitator PIN: --set-pin stores only a salted Argon2id hash; Esc then asks for the PIN, a wrong
# PIN is refused and the right one closes the kiosk.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/config ${WORK_DIR}/data ${WORK_DIR}/shots)
set(ENV{XDG_CONFIG_HOME} ${WORK_DIR}/config)
set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
set(config ${WORK_DIR}/config/upstander/config.json)

# Mismatched confirmation: nothing is written.
file(WRITE ${WORK_DIR}/mismatch.txt "4821\n4822\n")
execute_process(COMMAND ${BIN_DIR}/upstander --set-pin INPUT_FILE ${WORK_DIR}/mismatch.txt
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR EXISTS ${config} OR NOT err MATCHES "do not match")
  message(FATAL_ERROR "mismatched PINs were accepted (rc ${rc}): ${err}")
endif()
# Too short.
file(WRITE ${WORK_DIR}/short.txt "12\n12\n")
execute_process(COMMAND ${BIN_DIR}/upstander --set-pin INPUT_FILE ${WORK_DIR}/short.txt RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "4 to 12 digits")
  message(FATAL_ERROR "a 2-digit PIN was accepted: ${err}")
endif()
# A good PIN: only the hash is stored.
file(WRITE ${WORK_DIR}/good.txt "4821\n4821\n")
execute_process(COMMAND ${BIN_DIR}/upstander --set-pin INPUT_FILE ${WORK_DIR}/good.txt RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--set-pin failed: ${err}")
endif()
file(READ ${config} text)
if(NOT text MATCHES "\\$argon2id\\$" OR text MATCHES "4821")
  message(FATAL_ERROR "the config does not hold a salted Argon2id hash only:\n${text}")
endif()
# No input at all (a Windows GUI program started without a console, a closed stdin): never read as
# "remove the PIN"; the hash stays.
file(WRITE ${WORK_DIR}/none.txt "")
execute_process(COMMAND ${BIN_DIR}/upstander --set-pin INPUT_FILE ${WORK_DIR}/none.txt RESULT_VARIABLE rc ERROR_VARIABLE err)
file(READ ${config} after)
if(rc EQUAL 0 OR NOT after STREQUAL text OR NOT err MATCHES "Nothing was changed")
  message(FATAL_ERROR "--set-pin with no input changed the PIN (rc ${rc}): ${err}\n${after}")
endif()

file(WRITE ${WORK_DIR}/pin.script "expect-text \"Choose a workshop to start\"
key Escape
expect-text \"Enter the facilitator PIN to close Upstander\"
key 1
key 1
key 1
key 1
key Return
wait-until-text \"That PIN is not right\" 5000
key Escape
expect-no-text \"Enter the facilitator PIN\"
key Escape
click \"4\"
click \"8\"
click \"2\"
click \"1\"
click \"OK\"
wait 3000
expect-text \"the kiosk should have closed before this line\"
")
execute_process(COMMAND ${BIN_DIR}/upstander --headless --size 1024x768 --no-bundled-content
                        --content ${SOURCE_DIR}/content/packs/demo --script ${WORK_DIR}/pin.script
                        --screenshot-dir ${WORK_DIR}/shots
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "PIN script failed (exit ${rc}): ${err}")
endif()
