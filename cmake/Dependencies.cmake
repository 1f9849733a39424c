# Every dependency is a Debian package; .ci/run installs them. Nothing is downloaded here.
find_package(PkgConfig REQUIRED)

# vectorscan (Hyperscan's portable fork): all phrase patterns of an Engine compiled into
# one multi-pattern database, scanned once per turn.
if(NOT TARGET PkgConfig::hs)
  pkg_check_modules(hs REQUIRED IMPORTED_TARGET libhs)
endif()

# toml++: configuration files.
if(NOT TARGET tomlplusplus::tomlplusplus)
  find_package(tomlplusplus REQUIRED)
endif()

# nlohmann/json: corpus lines, verdict lines, golden-call events.
if(NOT TARGET nlohmann_json::nlohmann_json)
  find_package(nlohmann_json 3.10 REQUIRED)
endif()

find_package(Threads REQUIRED)

# CLI11 (header-only): the command lines of scamguard and scamguardd, their help and their man
# pages, from one definition of each option.
if(NOT TARGET CLI11::CLI11)
  find_package(CLI11 2.1 REQUIRED)
endif()

# libphonenumber (Google's numbering-plan metadata; Debian ships no CMake or pkg-config file
# for it): caller-ID validity, length and number type, and callback numbers read out in a call
# (campaign indicators, src/campaign). Its metadata is a protobuf, read once at engine load to
# build the home country's fast path (src/signalling/numbering_plan.h).
if(NOT TARGET scamguard::phonenumber)
  find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
  find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
  find_package(Protobuf REQUIRED)
  add_library(scamguard::phonenumber INTERFACE IMPORTED)
  target_include_directories(scamguard::phonenumber INTERFACE ${PHONENUMBER_INCLUDE_DIR})
  target_link_libraries(scamguard::phonenumber INTERFACE ${PHONENUMBER_LIBRARY}
                                                         protobuf::libprotobuf)
endif()

# hiredis: the Redis traffic store (src/traffic/redis_traffic_store.cpp), so several scamguardd
# nodes share traffic counters. Optional (SCAMGUARD_WITH_REDIS): an app on a phone needs none.
if(SCAMGUARD_WITH_REDIS AND NOT TARGET PkgConfig::hiredis)
  pkg_check_modules(hiredis REQUIRED IMPORTED_TARGET hiredis)
endif()

# The daemon (SCAMGUARD_BUILD_SERVER): SQLite for the call store, Boost.Asio and Boost.Beast
# (header-only, Debian libboost-dev) for its event-loop HTTP server, OpenSSL's libcrypto for
# SHA-256 of bearer tokens, and cpp-httplib as the integration tests' HTTP client (Debian
# builds it as a shared library; its pkg-config flags carry the OpenSSL/zlib/brotli defines
# the library was built with, which the header's class layout depends on).
if(SCAMGUARD_BUILD_SERVER)
  if(NOT TARGET SQLite::SQLite3)
    find_package(SQLite3 REQUIRED)
  endif()
  if(NOT TARGET Boost::headers)
    find_package(Boost 1.74 REQUIRED)
  endif()
  # spdlog: the daemon's logs (its own, the access log, the verdict log), levels in [log].
  if(NOT TARGET spdlog::spdlog)
    find_package(spdlog REQUIRED)
  endif()
  if(NOT TARGET PkgConfig::httplib AND SCAMGUARD_BUILD_TESTS)
    pkg_check_modules(httplib REQUIRED IMPORTED_TARGET cpp-httplib)
  endif()
  if(NOT TARGET OpenSSL::Crypto)
    find_package(OpenSSL REQUIRED)
  endif()
endif()

# SQLite (Debian libsqlite3-dev): the call and campaign stores (src/store), built whether or not
# the daemon is (the CLI keeps campaigns); both share one file. libpq (Debian libpq-dev): the
# same stores on PostgreSQL, shared by several daemons.
if(NOT TARGET SQLite::SQLite3)
  find_package(SQLite3 REQUIRED)
endif()
if(NOT TARGET PkgConfig::libpq)
  pkg_check_modules(libpq REQUIRED IMPORTED_TARGET libpq)
endif()
