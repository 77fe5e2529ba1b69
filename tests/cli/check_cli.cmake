# Runs the wasmcap CLI once (EXE with ARGS, a |-separated list, in WORKDIR
# when given) and checks its exit status (RC) and, when given, regular
# expressions on stdout (OUT) and stderr (ERR), and that stderr does not
# match NOT_ERR.
string(REPLACE "|" ";" args "${ARGS}")
if(NOT DEFINED WORKDIR)
  set(WORKDIR .)
endif()
execute_process(COMMAND ${EXE} ${args} WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc STREQUAL RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED OUT AND NOT out MATCHES "${OUT}")
  message(FATAL_ERROR "stdout does not match '${OUT}':\n${out}")
endif()
if(DEFINED ERR AND NOT err MATCHES "${ERR}")
  message(FATAL_ERROR "stderr does not match '${ERR}':\n${err}")
endif()
# One line of explanation, never a crash dump or a second complaint.
if(DEFINED ONE_LINE_ERR)
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines n)
  if(NOT n EQUAL 1)
    message(FATAL_ERROR "stderr should be exactly one line:\n${err}")
  endif()
endif()
