#include "server/http.h"

#include <strings.h>

namespace scamguard::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; `plus_is_space` for the query (application/x-www-form-urlencoded).
bool decode(std::string_view text, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) return false;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

std::string Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

std::string Request::param(const std::string& key) const {
  auto found = params.find(key);
  return found == params.end() ? std::string() : found->second;
}

void Router::add(Method method, const std::string& pattern, Handler handler) {
  size_t special = pattern.find_first_of("\\^$.|?*+()[]{}");
  const bool literal = special == std::string::npos;
  // A quantifier that may repeat nothing makes the character before it optional; an
  // alternative anywhere leaves no prefix every match shares.
  if (!literal && special > 0 &&
      std::string_view("?*{").find(pattern[special]) != std::string_view::npos)
    --special;
  if (pattern.find('|') != std::string::npos) special = 0;
  routes_.push_back({method == Method::kGet ? "GET" : "POST", pattern.substr(0, special), literal,
                     std::regex(pattern, std::regex::ECMAScript | std::regex::optimize),
                     std::move(handler)});
}

const Handler& Router::match(Request& req) const {
  for (const Route& route : routes_) {
    if (route.method != req.method) continue;
    if (route.literal) {
      if (req.path != route.prefix) continue;
      req.matches.assign(1, req.path);
      return route.handler;
    }
    if (req.path.compare(0, route.prefix.size(), route.prefix) != 0) continue;
    std::smatch groups;
    if (std::regex_match(req.path, groups, route.pattern)) {
      req.matches.assign(groups.begin(), groups.end());
      return route.handler;
    }
  }
  return fallback_;
}

bool parse_target(std::string_view target, std::string& path,
                  std::multimap<std::string, std::string>& params) {
  const size_t question = target.find('?');
  if (!decode(target.substr(0, question), false, path)) return false;
  if (question == std::string_view::npos) return true;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    std::string key;
    std::string value;
    if (!decode(pair.substr(0, eq), true, key)) return false;
    if (eq != std::string_view::npos && !decode(pair.substr(eq + 1), true, value)) return false;
    params.emplace(std::move(key), std::move(value));
  }
  return true;
}

}  // namespace scamguard::server
