// Reading one TOML file into a table, for the engine's configuration and the daemon's.
#pragma once

#include <toml++/toml.h>

#include <string>

#include "scamguard/error.h"

namespace scamguard {

// toml++ is built with exceptions here; they stop at this adapter. A syntax error is
// ErrorCode::kConfig naming "path:line: what"; an unreadable file is read_file's error.
Result<toml::table> parse_toml_file(const std::string& path);

}  // namespace scamguard
