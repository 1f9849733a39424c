# cmake --install: the library, its headers, a CMake package (scamguard::scamguard), a
# pkg-config file, the CLI, the daemon and the shipped conf/ (with the text model), laid out
# so that default_config_dir() finds share/scamguard/conf from lib/ and bin/.
include(CMakePackageConfigHelpers)

set(SCAMGUARD_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/scamguard)
get_target_property(SCAMGUARD_LIBRARY_TARGET scamguard::scamguard ALIASED_TARGET)

install(TARGETS ${SCAMGUARD_LIBRARY_TARGET} EXPORT scamguardTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/scamguard
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT scamguardTargets NAMESPACE scamguard:: DESTINATION ${SCAMGUARD_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/scamguardConfig.cmake.in
  ${PROJECT_BINARY_DIR}/scamguardConfig.cmake INSTALL_DESTINATION ${SCAMGUARD_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/scamguardConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/scamguardConfig.cmake
              ${PROJECT_BINARY_DIR}/scamguardConfigVersion.cmake
        DESTINATION ${SCAMGUARD_CMAKE_DIR})

# scamguard.pc names its prefix relative to its own directory, so a moved tree still works.
file(RELATIVE_PATH SCAMGUARD_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
if(SCAMGUARD_BUILD_SHARED)
  set(SCAMGUARD_PC_PRIVATE "")
else()
  # A static libscamguard.a needs its dependencies on the consumer's link line.
  set(SCAMGUARD_PC_PRIVATE "Requires.private: libhs")
  if(SCAMGUARD_WITH_REDIS)
    string(APPEND SCAMGUARD_PC_PRIVATE " hiredis")
  endif()
  string(APPEND SCAMGUARD_PC_PRIVATE "\nLibs.private: -lphonenumber -lprotobuf -ltomlplusplus")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/scamguard.pc.in ${PROJECT_BINARY_DIR}/scamguard.pc
               @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/scamguard.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(TARGETS scamguard RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(SCAMGUARD_BUILD_SERVER)
  install(TARGETS scamguardd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  # The analyst console, beside conf/: scamguardd finds it from there (default_web_root).
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${CMAKE_INSTALL_DATADIR}/scamguard/web)
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/conf/ DESTINATION ${CMAKE_INSTALL_DATADIR}/scamguard/conf)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/scamguard)
