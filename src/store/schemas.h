// The schemas of the parts that keep tables, one migration list per backend. Both backends of
// a part have the same version number and the same migrations in each backend's dialect
// (store/migrations.h): version N means the same tables everywhere.
//
// Version tables (kept from the first release of each part): `scamguard_calls_schema` for
// the calls, `campaign_schema_version` for the campaigns.
#pragma once

#include "store/migrations.h"

namespace scamguard::store {

// The newest schemas this binary understands.
inline constexpr int kCallSchemaVersion = 2;
inline constexpr int kCampaignSchemaVersion = 1;

extern const Schema kSqliteCallSchema;
extern const Schema kSqliteCampaignSchema;
extern const Schema kPgCallSchema;
extern const Schema kPgCampaignSchema;

}  // namespace scamguard::store
