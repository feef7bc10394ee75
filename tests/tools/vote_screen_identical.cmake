# Anonymity, tested: the screen after a vote is pixel-identical whichever option was chosen, by key
# or by touch. The same run is made once per option of the demo's opening poll (with the same
# virtual clock steps); the projector's screenshot taken while the neutral confirmation shows, and
# again once it has gone, must be byte-identical across all the runs (a touched button must not stay
# highlighted either).
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
set(first_hashes "")
set(labels "" "Strongly disagree" "Disagree" "Neither agree nor disagree" "Agree" "Strongly agree")
foreach(run 1 2 3 4 5 6 7 8 9 10)
  if(run LESS_EQUAL 5)
    set(option ${run})
    set(press "key ${option}")
  else()
    math(EXPR option "${run} - 5")
    list(GET labels ${option} label)
    set(press "click \"${label}\"")
  endif()
  set(dir ${WORK_DIR}/run${run})
  file(MAKE_DIRECTORY ${dir}/shots ${dir}/data ${dir}/config)
  file(WRITE ${dir}/vote.script "key Right
expect-text \"It can still be a hate crime\"
${press}
wait-until-text \"Vote counted\" 3000
shot 01-confirmation
advance 3000
wait-until-text \"1 vote\" 3000
shot 02-after
")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_CONFIG_HOME=${dir}/config XDG_DATA_HOME=${dir}/data HOME=${dir}
                          ${BIN_DIR}/upstander --headless --size 1280x720 --no-bundled-content
                          --content ${SOURCE_DIR}/content/packs/demo --data-dir ${dir}/data --workshop demo-tour
                          --group "Anonymity check" --format group --audience under-18
                          --script ${dir}/vote.script --screenshot-dir ${dir}/shots
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run '${press}' failed (${rc}):\n${err}")
  endif()
  foreach(shot 01-confirmation 02-after)
    file(SHA256 ${dir}/shots/${shot}.png h)
    if(run EQUAL 1)
      set(hash_${shot} ${h})
    elseif(NOT h STREQUAL hash_${shot})
      message(FATAL_ERROR "${shot}.png after '${press}' differs from the first run's: the screen shows what was chosen")
    endif()
  endforeach()
endforeach()
