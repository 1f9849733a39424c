#include "store/call_store.h"

namespace scamguard::store {

const char* to_string(CallState state) noexcept {
  return state == CallState::kOpen ? "open" : "closed";
}

int step_seq(const CallStep& step) noexcept {
  return step.turn ? step.turn->seq : step.event ? step.event->seq : 0;
}

Unexpected unchanged_call_error(const std::string& id, bool exists, bool open) {
  if (!exists) return make_error(ErrorCode::kNotFound, "no call with id '" + id + "'");
  if (!open) return make_error(ErrorCode::kInvalidInput, "call '" + id + "' is closed");
  return make_error(ErrorCode::kConflict,
                    "call '" + id + "' was changed by another writer first; re-read it and retry");
}

CallFilter call_filter(const CallQuery& query, char marker) {
  CallFilter filter;
  auto add = [&](const char* condition, std::variant<std::string, int64_t> value) {
    filter.where += filter.where.empty() ? " WHERE " : " AND ";
    filter.where += condition;
    filter.where += marker + std::to_string(filter.values.size() + 1);
    filter.values.push_back(std::move(value));
  };
  if (query.state) add("state = ", std::string(to_string(*query.state)));
  if (query.action) add("action = ", *query.action);
  if (query.since) add("updated_at >= ", *query.since);
  if (query.updated_before) add("updated_at < ", *query.updated_before);
  if (query.before_row) add("row < ", *query.before_row);
  return filter;
}

}  // namespace scamguard::store
