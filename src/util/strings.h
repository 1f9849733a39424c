// Small string helpers with no domain knowledge.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scamguard {

std::string_view trim(std::string_view s) noexcept;
std::vector<std::string_view> split(std::string_view s, char separator);
// Lines without their '\n' (and a trailing '\r'); a final line without '\n' is included.
std::vector<std::string_view> split_lines(std::string_view s);
// Lower-case ASCII letters, digits, spaces and the regular-expression characters a list
// form may use ("?", "(", ")", "|" inside groups, "~"), and nothing upper-case.
bool is_canonical_phrase(std::string_view s) noexcept;
// `text` with & < > " ' escaped, for HTML and XML (SVG) text and attribute values.
std::string escape_markup(std::string_view text);

}  // namespace scamguard
