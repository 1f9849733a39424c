// The verdict object (docs/http-api.md "Verdict object"), for scamguard::to_json and the
// daemon's codec: one encoder, one shape.
//
// Two forms of it: the tree (verdict_json), for callers that put the verdict inside a larger
// document, and the text (append_verdict_json), for the hot paths that only send or store it
// (/v1/check, every turn's stored findings, to_json). The text is byte for byte what dumping
// the tree writes (keys in the tree's sorted order, nlohmann's number form, invalid UTF-8
// replaced); verdict_json_test holds the two together. Building and dumping the tree cost
// ~165,000 instructions per /v1/check answer, three fifths of the daemon's work for it
// (callgrind of scamguardd under wrk with bench/load/check.lua; the text costs ~11,000).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "scamguard/engine.h"
#include "scamguard/verdict.h"

namespace scamguard::detail {

nlohmann::json findings_json(const Verdict& verdict);
nlohmann::json verdict_json(const Verdict& verdict);
// Appends what findings_json(verdict).dump() / verdict_json(verdict).dump() would write.
void append_findings_json(std::string& out, const Verdict& verdict);
void append_verdict_json(std::string& out, const Verdict& verdict);
// One catalogue entry, as `scamguard symbols --json` and GET /v1/symbols write it.
nlohmann::json symbol_json(const SymbolInfo& symbol);

}  // namespace scamguard::detail
