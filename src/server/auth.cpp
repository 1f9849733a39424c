#include "server/auth.h"

#include <openssl/evp.h>
#include <toml++/toml.h>

#include "core/toml_file.h"

namespace scamguard::server {

namespace {}  // namespace

const char* to_string(Scope scope) noexcept {
  switch (scope) {
    case Scope::kNone:
      return "none";
    case Scope::kRead:
      return "read";
    case Scope::kWrite:
      return "write";
  }
  return "none";
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

Result<TokenSet> TokenSet::load(const std::string& path) {
  Result<toml::table> parsed = parse_toml_file(path);
  if (!parsed) return Unexpected{parsed.error()};
  TokenSet tokens;
  for (const auto& [key, node] : *parsed) {
    if (key.str() != "token") {
      return make_error(ErrorCode::kConfig, path + ": unknown key '" + std::string(key.str()) +
                                                "' (expected [[token]] entries)");
    }
  }
  const toml::array* entries = (*parsed)["token"].as_array();
  if (!entries || entries->empty()) {
    return make_error(ErrorCode::kConfig, path + ": no [[token]] entries");
  }
  for (size_t i = 0; i < entries->size(); ++i) {
    const toml::table* entry = (*entries)[i].as_table();
    const std::string where = path + ": token[" + std::to_string(i) + "]";
    if (!entry) return make_error(ErrorCode::kConfig, where + " must be a table");
    TokenInfo info;
    std::string hash;
    for (const auto& [key, value] : *entry) {
      const auto* text = value.as_string();
      const std::string field(key.str());
      if (!text) return make_error(ErrorCode::kConfig, where + "." + field + " must be a string");
      if (field == "name") {
        info.name = text->get();
      } else if (field == "sha256") {
        hash = text->get();
      } else if (field == "scope") {
        if (text->get() == "read") {
          info.scope = Scope::kRead;
        } else if (text->get() == "write") {
          info.scope = Scope::kWrite;
        } else {
          return make_error(ErrorCode::kConfig, where + ".scope must be \"read\" or \"write\"");
        }
      } else {
        return make_error(ErrorCode::kConfig, where + ": unknown field '" + field + "'");
      }
    }
    bool hex = hash.size() == 64;
    for (char c : hash) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!hex) {
      return make_error(ErrorCode::kConfig,
                        where +
                            ".sha256 must be 64 lower-case hex digits (the token's SHA-256, "
                            "not the token)");
    }
    if (info.name.empty()) return make_error(ErrorCode::kConfig, where + ".name is required");
    if (!tokens.by_hash_.emplace(hash, info).second) {
      return make_error(ErrorCode::kConfig, where + ": the same token hash appears twice");
    }
  }
  return tokens;
}

std::optional<TokenInfo> TokenSet::check(std::string_view token) const {
  // Looking up the hash (not the token) keeps the comparison independent of how much of a
  // guessed token is right.
  auto found = by_hash_.find(sha256_hex(token));
  if (found == by_hash_.end()) return std::nullopt;
  return found->second;
}

}  // namespace scamguard::server
