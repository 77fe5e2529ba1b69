# `cmake --install`: the headers, libwasmcap.a and the versioned
# libwasmcap.so, the wasmcap command, a CMake package (find_package(wasmcap)
# gives wasmcap::wasmcap, the shared library, and wasmcap::wasmcap_static)
# and wasmcap.pc for pkg-config.
include(CMakePackageConfigHelpers)

set_target_properties(wasmcap_shared PROPERTIES EXPORT_NAME wasmcap)
set_target_properties(wasmcap PROPERTIES EXPORT_NAME wasmcap_static)

install(TARGETS wasmcap wasmcap_shared EXPORT wasmcapTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS wasmcap_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")

set(WASMCAP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wasmcap)
install(EXPORT wasmcapTargets NAMESPACE wasmcap:: DESTINATION ${WASMCAP_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wasmcapConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/wasmcapConfig.cmake INSTALL_DESTINATION ${WASMCAP_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/wasmcapConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/wasmcapConfig.cmake ${PROJECT_BINARY_DIR}/wasmcapConfigVersion.cmake
        DESTINATION ${WASMCAP_CMAKE_DIR})

# pkg-config: the shared library by default; `pkg-config --static` adds what
# the static library needs (C programs linking it need the C++ runtime).
file(RELATIVE_PATH WASMCAP_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" WASMCAP_PC_TO_PREFIX "${WASMCAP_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/wasmcap.pc.in ${PROJECT_BINARY_DIR}/wasmcap.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/wasmcap.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
