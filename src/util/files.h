// Whole-file reads with errors that name the path.
#pragma once

#include <string>

#include "scamguard/error.h"

namespace scamguard {

// The file's bytes, or ErrorCode::kNotFound naming `path`.
Result<std::string> read_file(const std::string& path);
bool file_exists(const std::string& path);

}  // namespace scamguard
