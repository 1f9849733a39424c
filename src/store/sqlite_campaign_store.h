// The SQLite campaign store: the default case store of a daemon (in the call store's file) or
// of `scamguard campaigns --store FILE`.
//
// Its tables are all prefixed `campaign_` and its schema (store/schemas.h) has its own version
// table, so one SQLite file also holds the daemon's call store, which keeps its own tables and
// version. The file is opened in WAL mode (readers do not block the writer); opening migrates
// an older schema (store/migrations.h) and refuses one written by a newer scamguard, untouched.
#pragma once

#include <memory>
#include <string>

#include "campaign/campaign_store.h"

namespace scamguard::store {

// Opens (creating if needed) the store in `path`. Errors name the file: kUnavailable when it
// cannot be opened or written, kConfig when it holds a newer schema.
Result<std::unique_ptr<campaign::CampaignStore>> open_sqlite_campaign_store(
    const std::string& path);

}  // namespace scamguard::store
