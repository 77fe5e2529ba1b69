# Run as a test when the spec .wast files were not found at configure time.
message(FATAL_ERROR
  "The WebAssembly spec test scripts were not found in ${SPEC_DIR}.\n"
  "They are expected in <testsuite>/spec/*.wast. Point the build at them with\n"
  "  cmake -DWASMCAP_TESTSUITE_DIR=/path/to/testsuite <build dir>\n"
  "(the directory that contains spec/), or set WASMCAP_TESTSUITE in the environment,\n"
  "then re-run cmake and ctest.")
