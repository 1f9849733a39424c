// The PostgreSQL campaign store: the campaign tables of store/sqlite_campaign_store.h in a
// database every scamguardd node shares, so campaigns are built from every node's calls.
// Each update is one transaction under an advisory lock, so the trackers of several nodes
// write one after the other; a tracker that is behind gets kConflict (CampaignStore::apply)
// and catches up.
#pragma once

#include <memory>
#include <string>

#include "campaign/campaign_store.h"

namespace scamguard::store {

// Connects to `url` (postgresql://...), refuses a newer campaign schema (kConfig, nothing
// changed), migrates an older one. Thread-safe: each call takes a pooled connection.
Result<std::unique_ptr<campaign::CampaignStore>> open_pg_campaign_store(const std::string& url);

}  // namespace scamguard::store
