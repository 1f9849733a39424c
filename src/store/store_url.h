// Opening the stores a daemon or the CLI is configured with: a PostgreSQL URL
// ("postgresql://user:password@host:5432/scamguard", shared by many daemons) or a SQLite file
// path (the embedded default). Both backends hold the call and the campaign tables.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "campaign/campaign_store.h"
#include "store/call_store.h"

namespace scamguard::store {

Result<std::unique_ptr<CallStore>> open_call_store(const std::string& url_or_path);
Result<std::unique_ptr<campaign::CampaignStore>> open_campaign_store(
    const std::string& url_or_path);

// Whether `url` names a PostgreSQL database ("postgresql://..." or "postgres://...").
bool is_postgres_url(std::string_view url);
// The URL without its password, for messages and logs.
std::string redact_url(std::string_view url);

// For logs: the URL without its password, or the path.
std::string describe_store(const std::string& url_or_path);

}  // namespace scamguard::store
