// Bearer-token auth. Tokens are never stored: the token file holds their SHA-256 (hex), so a
// leaked file does not leak a credential.
//
//   # tokens.toml
//   [[token]]
//   name = "sip-proxy-1"     # shown in logs and used as the rate-limit key
//   sha256 = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"
//   scope = "read"           # "read" (GET routes) or "write" (everything)
//
// `scamguardd --hash-token` prints the hash of a token read from standard input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "scamguard/error.h"

namespace scamguard::server {

enum class Scope : uint8_t { kNone = 0, kRead = 1, kWrite = 2 };
const char* to_string(Scope scope) noexcept;

std::string sha256_hex(std::string_view data);

struct TokenInfo {
  std::string name;
  Scope scope = Scope::kRead;
};

class TokenSet {
 public:
  // Errors name the file, the entry and the field.
  static Result<TokenSet> load(const std::string& path);

  // The token's holder, or nullopt for an unknown token.
  std::optional<TokenInfo> check(std::string_view token) const;
  size_t size() const { return by_hash_.size(); }

 private:
  std::unordered_map<std::string, TokenInfo> by_hash_;
};

}  // namespace scamguard::server
