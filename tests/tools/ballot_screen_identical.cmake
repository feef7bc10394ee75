# Anonymity, tested for questionnaire ballots: the screens after a ballot are pixel-identical
# whichever answers were given. The Step Up before-questions (three, one ballot) are answered with
# different answers in each run, at a booth by touch (booth and projector screenshots) and on the
# projector alone by key; the screenshots while the confirmation shows and once it has gone must be
# byte-identical across the runs of each set-up.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
set(booth_answers "Yes|Yes|Strongly agree" "No|Not sure|Disagree" "Not sure|No|Neither agree nor disagree")
set(key_answers "1|1|5" "2|3|1" "3|2|4")
foreach(setup booth keys)
  set(run 0)
  if(setup STREQUAL "booth")
    set(answers ${booth_answers})
    set(windows --windows projector booth)
  else()
    set(answers ${key_answers})
    set(windows)
  endif()
  foreach(combo ${answers})
    math(EXPR run "${run} + 1")
    string(REPLACE "|" ";" picks "${combo}")
    set(press "")
    if(setup STREQUAL "booth")
      set(press "window booth\n")
      foreach(p ${picks})
        string(APPEND press "click \"${p}\"\n")
      endforeach()
      string(APPEND press "click \"Done\"
wait-until-text \"Your answers are counted\" 3000
shot 01-booth-confirmation
window projector
shot 02-projector-confirmation
advance 3000
window booth
wait-until-text \"Question 1 of 3\" 3000
shot 03-booth-after
window projector
wait-until-text \"1 ballot\" 3000
shot 04-projector-after
")
      set(shots 01-booth-confirmation 02-projector-confirmation 03-booth-after 04-projector-after)
    else()
      foreach(p ${picks})
        string(APPEND press "key ${p}\n")
      endforeach()
      string(APPEND press "click \"Done\"
wait-until-text \"Your answers are counted\" 3000
shot 01-confirmation
advance 3000
wait-until-text \"Question 1 of 3\" 3000
shot 02-after
")
      set(shots 01-confirmation 02-after)
    endif()
    set(dir ${WORK_DIR}/${setup}${run})
    file(MAKE_DIRECTORY ${dir}/shots ${dir}/data ${dir}/config)
    file(WRITE ${dir}/ballot.script "advance 6500
key Right
key Right
key Right
key Right
expect-text \"Question 1 of 3\"
${press}")
    execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_CONFIG_HOME=${dir}/config XDG_DATA_HOME=${dir}/data HOME=${dir}
                            ${BIN_DIR}/upstander --headless --size 1280x720 --no-bundled-content
                            --content ${SOURCE_DIR}/content/packs/step-up --data-dir ${dir}/data --workshop school-60
                            --group "Anonymity check" --format group --audience under-18 ${windows}
                            --script ${dir}/ballot.script --screenshot-dir ${dir}/shots
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${setup} run '${combo}' failed (${rc}):\n${err}")
    endif()
    foreach(shot ${shots})
      file(SHA256 ${dir}/shots/${shot}.png h)
      if(run EQUAL 1)
        set(hash_${setup}_${shot} ${h})
      elseif(NOT h STREQUAL hash_${setup}_${shot})
        message(FATAL_ERROR "${setup}: ${shot}.png after '${combo}' differs from the first run's: the screen shows what was chosen")
      endif()
    endforeach()
  endforeach()
endforeach()
message(STATUS "ballot screens identical across answers: booth and projector-only")
