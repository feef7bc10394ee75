# A whole one-to-one programme, walked headless as a practitioner would over two visits to the kiosk:
#   run 1 (1024x768): start a programme (categories only), session 1 with the before scale, then
#          session 2 left part way (at the third restorative question) when the kiosk is closed;
#   run 2 (3840x2160): continue by typing the code (lower case, with hyphens), carry on session 2 where
#          it stopped, enter the person harmed's questions, session 3 with their questions answered,
#          the letter written to a folder typed in (a USB stick), and the after scale.
# Then: the programme file holds the paired answers and all three sessions; the letter holds every
# question and answer; and no other file anywhere under the run's home, data or config folders (nor
# anything the kiosk printed) holds any of them.
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE ${WORK_DIR})
set(home ${WORK_DIR}/home)
set(data ${WORK_DIR}/home/data)
set(config ${WORK_DIR}/home/config)
set(usb ${WORK_DIR}/usb-stick)
file(MAKE_DIRECTORY ${home}/Documents ${data} ${config} ${usb} ${WORK_DIR}/shots)
set(questions "Did you know who I was before that day?" "Would you say sorry to my little brother too?")
set(answers "No, I had never met you. I picked on you because of your scarf." "Yes, I would say sorry to him.")

function(run_kiosk name size)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_CONFIG_HOME=${config} XDG_DATA_HOME=${data} HOME=${home}
                          USER=upstander-test-practitioner
                          ${BIN_DIR}/upstander --headless --size ${size} --no-bundled-content
                          --content ${SOURCE_DIR}/tests/data/programme-pack --data-dir ${data}
                          --script ${WORK_DIR}/${name}.script --screenshot-dir ${WORK_DIR}/shots
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  file(WRITE ${WORK_DIR}/${name}.output "${out}\n${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}\n${err}")
  endif()
endfunction()

file(WRITE ${WORK_DIR}/run1.script [=[
expect-text "One-to-one programmes"
click "Test programme: young people"
expect-text "Start a programme"
click "Youth offending team"
click "Yes"
click "Make the programme code"
expect-text "Write this code in your own case record"
shot 01-code-1024x768
click "Begin session 1"
expect-text "Welcome"
key Right
key Right
expect-text "I can imagine how the person I hurt felt."
shot 02-scale-1024x768
key 2
key Right
key 4
key Right
key 2
key Right
key 4
key Right
expect-text "What would you do?"
key 2
expect-text "She sees that someone is on her side."
key Right
expect-text "Session 1 is complete."
shot 03-session-1-done-1024x768
click "Start session 2"
expect-text "Who was affected?"
key 1
key 1
key 3
shot 04-impact-map-1024x768
key Right
expect-text "What happened?"
key Right
key Right
expect-text "What have you thought about since?"
quit
]=])
run_kiosk(run1 1024x768)

# The code is random: the practitioner reads it off the screen; the test reads it from the file name.
file(GLOB files ${data}/programmes/programme-*.json)
list(LENGTH files n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "run 1 should leave one programme file, found: ${files}")
endif()
get_filename_component(name ${files} NAME_WE)
string(REGEX REPLACE "^programme-" "" code "${name}")
string(SUBSTRING "${code}" 0 3 a)
string(SUBSTRING "${code}" 3 3 b)
string(SUBSTRING "${code}" 6 3 c)
string(TOLOWER "${a}-${b}-${c}" typed)
file(READ ${files} record)
string(JSON s1 GET "${record}" sessions 0 completed)
string(JSON pos_session GET "${record}" position session)
string(JSON pos_question GET "${record}" position question)
if(NOT s1 STREQUAL "ON" OR NOT pos_session EQUAL 2 OR NOT pos_question EQUAL 2)
  message(FATAL_ERROR "after run 1 the file should hold session 1 done and session 2 stopped at its third question:\n${record}")
endif()

# The folder field holds the default (Documents); the practitioner clears it and types the stick's.
string(LENGTH "${home}/Documents" clear)
math(EXPR clear "${clear} + 2")
set(backspaces "")
foreach(i RANGE 1 ${clear})
  string(APPEND backspaces "key Backspace\n")
endforeach()
list(GET questions 0 q1)
list(GET questions 1 q2)
list(GET answers 0 a1)
list(GET answers 1 a2)
file(WRITE ${WORK_DIR}/run2.script "expect-text \"One-to-one programmes\"
click \"Continue a programme\"
expect-text \"Type the programme code\"
text \"${typed}\"
click \"Find it\"
expect-text \"Session 2 was left part way through.\"
shot 05-continue-3840x2160
click \"Carry on session 2\"
expect-text \"What have you thought about since?\"
key Right
key Right
expect-text \"What do you think needs to happen to put things right?\"
key Right
expect-text \"Session 2 is complete.\"
click \"Person harmed's questions\"
expect-text \"never saved in Upstander's files\"
text \"${q1}\"
click \"Add\"
text \"${q2}\"
click \"Add\"
shot 06-questions-3840x2160
click \"Done\"
expect-text \"2 questions from the person harmed entered for this session.\"
click \"Start session 3\"
expect-text \"Question 1 of 2 from the person harmed\"
text \"${a1}\"
click \"Next question\"
text \"${a2}\"
shot 07-answer-3840x2160
click \"Next\"
expect-text \"The letter to the person harmed\"
expect-text \"2 of 2 questions have an answer.\"
click \"${home}/Documents\"
key End
${backspaces}text \"${usb}\"
shot 08-letter-3840x2160
click \"Write the letter\"
expect-text \"The questions and answers have been forgotten.\"
click \"Carry on\"
expect-text \"I can imagine how the person I hurt felt.\"
key 4
key Right
key 2
key Right
key 5
key Right
key 1
key Right
expect-text \"all 3 sessions are done\"
shot 09-finished-3840x2160
quit
")
run_kiosk(run2 3840x2160)

# The record: three sessions, completed, every item paired.
file(READ ${files} record)
string(JSON status GET "${record}" status)
string(JSON nsessions LENGTH "${record}" sessions)
if(NOT status STREQUAL "completed" OR NOT nsessions EQUAL 3)
  message(FATAL_ERROR "the programme should be completed with three sessions:\n${record}")
endif()
set(want_pre disagree agree disagree agree)
set(want_post agree disagree "strongly-agree" "strongly-disagree")
foreach(i RANGE 0 3)
  string(JSON pre GET "${record}" scale ${i} pre)
  string(JSON post GET "${record}" scale ${i} post)
  list(GET want_pre ${i} wpre)
  list(GET want_post ${i} wpost)
  if(NOT pre STREQUAL wpre OR NOT post STREQUAL wpost)
    message(FATAL_ERROR "scale item ${i}: pre '${pre}' post '${post}', expected '${wpre}' and '${wpost}':\n${record}")
  endif()
endforeach()

# The letter, in both forms, on the stick.
file(GLOB letters ${usb}/*)
list(LENGTH letters nletters)
if(NOT nletters EQUAL 2)
  message(FATAL_ERROR "the USB stick should hold the letter as HTML and text, found: ${letters}")
endif()
# Which of the questions and answers a file holds, and which it lacks.
function(harmed_texts file held_var missing_var)
  file(READ ${file} text)
  set(held "")
  set(missing "")
  foreach(t ${questions} ${answers})
    string(FIND "${text}" "${t}" at)
    if(at LESS 0)
      list(APPEND missing "${t}")
    else()
      list(APPEND held "${t}")
    endif()
  endforeach()
  set(${held_var} "${held}" PARENT_SCOPE)
  set(${missing_var} "${missing}" PARENT_SCOPE)
endfunction()
foreach(f ${letters})
  harmed_texts(${f} held missing)
  if(missing)
    message(FATAL_ERROR "${f} does not hold: ${missing}")
  endif()
endforeach()

# Nowhere else: every file the runs could write (home, data, config, Documents) and what they printed.
file(GLOB_RECURSE everything LIST_DIRECTORIES false ${home}/*)
list(APPEND everything ${WORK_DIR}/run1.output ${WORK_DIR}/run2.output)
list(LENGTH everything nfiles)
if(nfiles LESS 2)
  message(FATAL_ERROR "expected the programme file and the runs' output to search")
endif()
foreach(f ${everything})
  harmed_texts(${f} held missing)
  if(held)
    message(FATAL_ERROR "${f} holds the person harmed's questions or answers: ${held}")
  endif()
endforeach()
message(STATUS "programme ${code}: ${nfiles} files searched, none holds a question or answer; letter: ${letters}")
