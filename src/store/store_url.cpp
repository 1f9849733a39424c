#include "store/store_url.h"

#include "store/pg_call_store.h"
#include "store/pg_campaign_store.h"
#include "store/sqlite_call_store.h"
#include "store/sqlite_campaign_store.h"

namespace scamguard::store {

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string redact_url(std::string_view url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos || at < scheme) {
    return std::string(url);
  }
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon)) + ":***" + std::string(url.substr(at));
}

Result<std::unique_ptr<CallStore>> open_call_store(const std::string& url_or_path) {
  if (is_postgres_url(url_or_path)) {
    Result<std::unique_ptr<PgCallStore>> store = PgCallStore::open({.url = url_or_path});
    if (!store) return Unexpected{store.error()};
    return std::unique_ptr<CallStore>(std::move(*store));
  }
  Result<std::unique_ptr<SqliteCallStore>> store = SqliteCallStore::open({.path = url_or_path});
  if (!store) return Unexpected{store.error()};
  return std::unique_ptr<CallStore>(std::move(*store));
}

Result<std::unique_ptr<campaign::CampaignStore>> open_campaign_store(
    const std::string& url_or_path) {
  if (is_postgres_url(url_or_path)) return open_pg_campaign_store(url_or_path);
  return open_sqlite_campaign_store(url_or_path);
}

std::string describe_store(const std::string& url_or_path) {
  return is_postgres_url(url_or_path) ? "PostgreSQL " + redact_url(url_or_path)
                                      : "database " + url_or_path;
}

}  // namespace scamguard::store
