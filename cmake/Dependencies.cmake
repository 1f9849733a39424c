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
