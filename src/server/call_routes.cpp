// /v1/calls: open a call, add turns and device events, close it, read it, list calls.
#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

namespace {

using nlohmann::json;

constexpr const char* kId = "([A-Za-z0-9._:@-]+)";

json view_json(const CallView& view) {
  json body = {{"id", view.id},
               {"state", view.closed ? "closed" : "open"},
               {"verdict", verdict_json(view.verdict)}};
  if (view.turn_index >= 0) body["turn_index"] = view.turn_index;
  if (view.closed) body["close_reason"] = view.close_reason;
  if (view.duplicate) body["duplicate"] = true;
  return body;
}

json parse_stored(const std::string& text) {
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return value.is_discarded() ? json(nullptr) : value;
}

json summary_json(const store::CallSummary& call) {
  json body = {{"id", call.id},
               {"state", to_string(call.state)},
               {"action", call.action},
               {"score", call.score},
               {"turns", call.turn_count},
               {"events", call.event_count},
               {"opened_at", format_time(call.opened_at)},
               {"updated_at", format_time(call.updated_at)}};
  if (call.closed_at) {
    body["closed_at"] = format_time(*call.closed_at);
    body["close_reason"] = call.close_reason;
  }
  return body;
}

json record_json(const store::CallRecord& record) {
  json body = summary_json(record.summary);
  body["setup"] = parse_stored(record.setup_json);
  json turns = json::array();
  for (const store::TurnRecord& turn : record.turns) {
    turns.push_back({{"index", turn.index},
                     {"speaker", turn.speaker},
                     {"text", turn.text},
                     {"at", format_time(turn.at)}});
  }
  body["turns"] = std::move(turns);
  json events = json::array();
  for (const store::DeviceEventRecord& event : record.events) {
    events.push_back({{"type", event.type},
                      {"app", event.app},
                      {"after_turn", event.after_turn},
                      {"at", format_time(event.at)}});
  }
  body["events"] = std::move(events);
  json changes = json::array();
  for (const store::VerdictChange& change : record.verdicts) {
    changes.push_back({{"turn", change.turn < 0 ? json(nullptr) : json(change.turn)},
                       {"at", format_time(change.at)},
                       {"action", change.action},
                       {"score", change.score},
                       {"findings", parse_stored(change.findings_json)}});
  }
  body["findings"] =
      record.verdicts.empty() ? json::array() : parse_stored(record.verdicts.back().findings_json);
  body["verdict_changes"] = std::move(changes);
  return body;
}

// Parses the body, or writes the 400 and returns nullopt.
std::optional<json> body_of(const Request& req, Response& res) {
  Result<json> body = parse_body(req.body);
  if (!body) {
    send_error(res, 400, "invalid_json", body.error().message);
    return std::nullopt;
  }
  return std::move(*body);
}

void reply(Response& res, int status, const Outcome<CallView>& outcome) {
  if (!outcome.ok()) {
    send_error(res, outcome.error);
    return;
  }
  send_json(res, status, view_json(*outcome.value));
}

}  // namespace

void register_call_routes(Router& router, ServerContext& context) {
  auto service = std::make_shared<CallService>(context);

  add_route(router, context, Method::kPost, "/v1/calls", "calls_open", Scope::kWrite,
            [service](const Request& req, Response& res) {
              std::optional<json> body = body_of(req, res);
              if (!body) return;
              Result<OpenCallRequest> request = decode_open_call(*body);
              if (!request) return send_error(res, 400, "invalid_input", request.error().message);
              json stored = *body;
              stored.erase("id");
              reply(
                  res, 201,
                  service->open_call(request->id, request->setup,
                                     stored.dump(-1, ' ', false, json::error_handler_t::replace)));
            });

  add_route(router, context, Method::kPost, std::string("/v1/calls/") + kId + "/turns",
            "calls_turn", Scope::kWrite, [service](const Request& req, Response& res) {
              std::optional<json> body = body_of(req, res);
              if (!body) return;
              Result<TurnRequest> request = decode_turn(*body);
              if (!request) return send_error(res, 400, "invalid_input", request.error().message);
              reply(res, 200, service->add_turn(req.matches[1], request->turn, request->index));
            });

  add_route(router, context, Method::kPost, std::string("/v1/calls/") + kId + "/events",
            "calls_event", Scope::kWrite, [service](const Request& req, Response& res) {
              std::optional<json> body = body_of(req, res);
              if (!body) return;
              Result<DeviceEvent> event = decode_event(*body);
              if (!event) return send_error(res, 400, "invalid_input", event.error().message);
              reply(res, 200, service->add_event(req.matches[1], *event));
            });

  add_route(router, context, Method::kPost, std::string("/v1/calls/") + kId + "/close",
            "calls_close", Scope::kWrite, [service](const Request& req, Response& res) {
              std::string reason = "closed";
              if (!req.body.empty()) {
                std::optional<json> body = body_of(req, res);
                if (!body) return;
                if (!body->is_object()) {
                  return send_error(res, 400, "invalid_input", "the body must be a JSON object");
                }
                if (auto given = body->find("reason"); given != body->end() && !given->is_null()) {
                  if (!given->is_string() || given->get<std::string>().empty() ||
                      given->get<std::string>().size() > 200) {
                    return send_error(res, 400, "invalid_input",
                                      "reason: must be a string of 1-200 characters");
                  }
                  reason = given->get<std::string>();
                }
              }
              reply(res, 200, service->close_call(req.matches[1], reason));
            });

  add_route(router, context, Method::kGet, std::string("/v1/calls/") + kId, "calls_get",
            Scope::kRead, [&context](const Request& req, Response& res) {
              Result<store::CallRecord> record = context.store.load_call(req.matches[1]);
              if (!record) {
                if (record.error().code == ErrorCode::kNotFound) {
                  return send_error(res, 404, "call_not_found", record.error().message);
                }
                return send_error(res, api_error(record.error()));
              }
              send_json(res, 200, record_json(*record));
            });

  add_route(
      router, context, Method::kGet, "/v1/calls", "calls_list", Scope::kRead,
      [&context](const Request& req, Response& res) {
        store::CallQuery query;
        for (const auto& [key, value] : req.params) {
          if (key == "action") {
            if (!parse_action(value)) {
              return send_error(res, 400, "invalid_input",
                                "action: must be " + allowed_actions() + ", not '" + value + "'");
            }
            query.action = value;
          } else if (key == "state") {
            if (value != "open" && value != "closed") {
              return send_error(res, 400, "invalid_input", "state: must be open or closed");
            }
            query.state = value == "open" ? store::CallState::kOpen : store::CallState::kClosed;
          } else if (key == "since") {
            query.since = parse_time(value);
            if (!query.since) {
              return send_error(res, 400, "invalid_input",
                                "since: must be RFC 3339 UTC (2026-11-29T12:00:00Z) or epoch "
                                "seconds, not '" +
                                    value + "'");
            }
          } else if (key == "limit") {
            const bool digits = !value.empty() && value.size() <= 4 &&
                                value.find_first_not_of("0123456789") == std::string::npos;
            const int limit = digits ? std::stoi(value) : 0;
            if (limit < 1 || limit > 1000) {
              return send_error(res, 400, "invalid_input", "limit: must be 1-1000");
            }
            query.limit = limit;
          } else if (key == "cursor") {
            const bool digits = !value.empty() && value.size() <= 18 &&
                                value.find_first_not_of("0123456789") == std::string::npos;
            if (!digits) {
              return send_error(res, 400, "invalid_input",
                                "cursor: must be a next_cursor value from an earlier page");
            }
            query.before_row = std::stoll(value);
          } else {
            return send_error(res, 400, "invalid_input", "unknown query parameter '" + key + "'");
          }
        }
        Result<std::vector<store::CallSummary>> calls = context.store.list_calls(query);
        if (!calls) return send_error(res, api_error(calls.error()));
        json list = json::array();
        for (const store::CallSummary& call : *calls) list.push_back(summary_json(call));
        json body = {{"calls", std::move(list)}};
        body["next_cursor"] = static_cast<int>(calls->size()) == query.limit
                                  ? json(std::to_string(calls->back().row))
                                  : json(nullptr);
        send_json(res, 200, body);
      });
}

}  // namespace scamguard::server
