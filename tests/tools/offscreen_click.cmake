# Headless scripts see what a person sees: on the title screen at 1280x720 with eight workshops, the
# ones scrolled out of view are not "visible" text (expect-text fails, expect-no-text passes), text cut
# off at the list's edge does not count, and `click` on a button scrolled out of view fails and says
# so (it used to click nothing and carry on).
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/shots ${WORK_DIR}/data)
set(pack ${SOURCE_DIR}/tests/data/many-workshops)
file(WRITE ${WORK_DIR}/see.script "expect-text \"First workshop\"
expect-text \"Fourth workshop\"
expect-no-text \"Fifth workshop\"
expect-no-text \"Eighth workshop\"
quit
")
file(WRITE ${WORK_DIR}/click.script "click \"Eighth workshop\"
expect-text \"Group label\"
")
foreach(name see click)
  execute_process(COMMAND ${BIN_DIR}/upstander --headless --size 1280x720 --no-bundled-content --content ${pack}
                          --data-dir ${WORK_DIR}/data --script ${WORK_DIR}/${name}.script --screenshot-dir ${WORK_DIR}/shots
                  RESULT_VARIABLE rc_${name} OUTPUT_VARIABLE out_${name} ERROR_VARIABLE err_${name})
endforeach()
if(NOT rc_see EQUAL 0)
  message(FATAL_ERROR "items out of view were reported as visible (${rc_see}):\n${err_see}")
endif()
if(rc_click EQUAL 0)
  message(FATAL_ERROR "click on a button scrolled out of view passed")
endif()
if(NOT err_click MATCHES "click \"Eighth workshop\": the button is drawn but scrolled out of view")
  message(FATAL_ERROR "no clear message for a click out of view:\n${err_click}")
endif()
