# `cmake --install` of onnxc: the onnxc executable, and a package config so
# that another project's find_package(onnxc) (with CMAKE_PREFIX_PATH set to
# the install prefix) gets onnxc::onnxc and onnxc_add_model().
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# onnxc finds libMLIR/libLLVM in /usr/lib/llvm-19/lib through its run path;
# keep that path in the installed binary too.
set_target_properties(onnxc PROPERTIES INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS onnxc EXPORT onnxcTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(ONNXC_CONFIG_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/onnxc)
install(EXPORT onnxcTargets NAMESPACE onnxc:: DESTINATION ${ONNXC_CONFIG_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/onnxcConfig.cmake.in
  ${PROJECT_BINARY_DIR}/onnxcConfig.cmake INSTALL_DESTINATION ${ONNXC_CONFIG_DIR})
# 0.x: a minor version may change the generated API. ARCH_INDEPENDENT:
# onnxc is a build tool, also found by 32-bit cross builds (firmware).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/onnxcConfigVersion.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/onnxcConfig.cmake ${PROJECT_BINARY_DIR}/onnxcConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/OnnxcAddModel.cmake
        DESTINATION ${ONNXC_CONFIG_DIR})
