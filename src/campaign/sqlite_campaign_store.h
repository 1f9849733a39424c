// The SQLite campaign store: the default case store of a daemon or of `scamguard campaigns
// --store FILE`.
//
// Its tables are all prefixed `campaign_` and its schema version lives in its own table,
// `campaign_schema_version`, so that one SQLite file can also hold the daemon's call store,
// which keeps its own tables and version. The file is opened in WAL mode (readers do not
// block the writer). Opening migrates an older schema in one transaction, version by version;
// a file written by a newer scamguard (a higher version) is refused, never modified.
#pragma once

#include <memory>
#include <string>

#include "campaign/campaign_store.h"

namespace scamguard::campaign {

inline constexpr int kCampaignSchemaVersion = 1;

// Opens (creating if needed) the store in `path`. Errors: kUnavailable when the file cannot
// be opened or written, kInvalidInput when it holds a newer or unknown schema; both name the
// file.
Result<std::unique_ptr<CampaignStore>> open_sqlite_campaign_store(const std::string& path);

}  // namespace scamguard::campaign
