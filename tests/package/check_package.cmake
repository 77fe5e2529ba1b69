# Installs the build to a temporary prefix and builds clients of the
# installed package: a tiny consumer with find_package(wasmcap) (shared and
# static) and with pkg-config, and the embedding examples; runs each.
# Usage: cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DCXX=... -P check_package.cmake
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(expect_output what pattern)
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: output does not match '${pattern}':\n${out}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f include/wasmcap/wasmcap.hpp lib/libwasmcap.a lib/libwasmcap.so lib/pkgconfig/wasmcap.pc
          lib/cmake/wasmcap/wasmcapConfig.cmake bin/wasmcap)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

# find_package(wasmcap)
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/consumer -B ${WORK_DIR}/consumer -G Ninja
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
run(${WORK_DIR}/consumer/consumer)
expect_output("find_package, shared" "6 \\* 7 = 42")
run(${WORK_DIR}/consumer/consumer_static)
expect_output("find_package, static" "6 \\* 7 = 42")

# pkg-config
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run(pkg-config --cflags --libs wasmcap)
string(STRIP "${out}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CXX} -std=c++20 -O1 ${SOURCE_DIR}/tests/package/consumer/consumer.cpp ${flags} -Wl,-rpath,${prefix}/lib
    -o ${WORK_DIR}/consumer_pkgconfig)
run(${WORK_DIR}/consumer_pkgconfig)
expect_output("pkg-config" "6 \\* 7 = 42")

# The embedding examples, as their READMEs build them.
set(expected_hello_cpp "plugin says: hello from the plugin.*sum\\(1000\\) = 500500.*spin stopped: all fuel consumed")
set(expected_hello_c "plugin says: hello from the plugin\nrun\\(100\\) = 5050, fuel left: [0-9]+")
foreach(example hello_cpp hello_c)
  set(dir ${SOURCE_DIR}/examples/embed/${example})
  if(NOT EXISTS ${dir}/CMakeLists.txt)
    continue()
  endif()
  run(${CMAKE_COMMAND} -S ${dir} -B ${WORK_DIR}/${example} -G Ninja -DCMAKE_PREFIX_PATH=${prefix}
      -DCMAKE_BUILD_TYPE=Release)
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/${example})
  file(GLOB host LIST_DIRECTORIES false ${WORK_DIR}/${example}/hello_*)
  execute_process(COMMAND ${host} WORKING_DIRECTORY ${dir} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "example ${example} failed (${rc}):\n${out}\n${err}")
  endif()
  expect_output("example ${example}" "${expected_${example}}")
endforeach()
file(REMOVE_RECURSE ${WORK_DIR})
