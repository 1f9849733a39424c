#include "core/toml_file.h"

#include "util/files.h"

namespace scamguard {

Result<toml::table> parse_toml_file(const std::string& path) {
  Result<std::string> text = read_file(path);
  if (!text) return Unexpected{text.error()};
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error& error) {
    return make_error(ErrorCode::kConfig, path + ":" + std::to_string(error.source().begin.line) +
                                              ": " + std::string(error.description()));
  }
}

}  // namespace scamguard
