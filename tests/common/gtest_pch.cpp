// Anchor of the wasmcap_test_pch target (tests/CMakeLists.txt), which
// precompiles the GoogleTest header once for every unit-test binary.
