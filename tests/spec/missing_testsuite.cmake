# Run as a test when spec .wast files were not found at configure time.
# SPEC_DIR: where they were looked for; SUITE: the folder's name (default spec).
if(NOT SUITE)
  set(SUITE spec)
endif()
message(FATAL_ERROR
  "The WebAssembly spec test scripts were not found in ${SPEC_DIR}.\n"
  "They are expected in <testsuite>/${SUITE}/*.wast. Point the build at them with\n"
  "  cmake -DWASMCAP_TESTSUITE_DIR=/path/to/testsuite <build dir>\n"
  "(the directory that contains ${SUITE}/), or set WASMCAP_TESTSUITE in the environment,\n"
  "then re-run cmake and ctest.")
