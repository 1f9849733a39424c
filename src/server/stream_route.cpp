// GET /v1/calls/{id}/stream: Server-Sent Events, one `verdict` event each time the call's
// action or findings change (and one on connect with the verdict so far), then `closed`
// when the call closes. A comment line every 15 s keeps proxies from timing the stream out.
//
// httplib gives each connection a worker thread, so a stream holds one for its life; the
// number of streams is capped (limits.max_streams) below the thread count so streams can
// never starve the request routes.
#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

namespace {

using nlohmann::json;

std::string sse_event(const char* name, uint64_t id, const json& data) {
  return std::string("event: ") + name + "\nid: " + std::to_string(id) +
         "\ndata: " + data.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
}

struct StreamState {
  std::shared_ptr<LiveCall> call;
  uint64_t sent_version = 0;
  bool sent_first = false;
  std::chrono::steady_clock::time_point last_write = std::chrono::steady_clock::now();
};

}  // namespace

void register_stream_route(httplib::Server& server, ServerContext& context) {
  auto service = std::make_shared<CallService>(context);
  add_route(server, context, Method::kGet, "/v1/calls/([A-Za-z0-9._:@-]+)/stream", "calls_stream",
            Scope::kRead, [service, &context](const httplib::Request& req, httplib::Response& res) {
              const std::string id = req.matches[1];
              Outcome<std::shared_ptr<LiveCall>> found = service->live_call(id);
              if (!found.ok()) {
                if (found.error.status != 409) return send_error(res, found.error);
                // Closed before the client connected: tell it so, with the final verdict.
                Result<store::CallRecord> record = context.store.load_call(id);
                if (!record) return send_error(res, api_error(record.error()));
                json data = {{"id", id},
                             {"state", "closed"},
                             {"close_reason", record->summary.close_reason},
                             {"action", record->summary.action},
                             {"score", record->summary.score}};
                res.set_header("Cache-Control", "no-cache");
                res.set_content(sse_event("closed", 0, data), "text/event-stream");
                return;
              }
              if (context.open_streams.fetch_add(1) >= context.limits().max_streams) {
                context.open_streams.fetch_sub(1);
                return send_error(res, 429, "too_many_streams",
                                  "there are already " +
                                      std::to_string(context.limits().max_streams) +
                                      " open streams (limits.max_streams)");
              }
              auto state = std::make_shared<StreamState>();
              state->call = *found.value;
              res.set_header("Cache-Control", "no-cache");
              res.set_header("X-Accel-Buffering", "no");
              res.set_chunked_content_provider(
                  "text/event-stream",
                  [state, &context](size_t /*offset*/, httplib::DataSink& sink) {
                    LiveCall& call = *state->call;
                    std::string out;
                    bool finished = false;
                    {
                      std::unique_lock lock(call.mutex);
                      // Short waits, so shutdown and disconnected clients are noticed promptly.
                      call.changed.wait_for(lock, std::chrono::milliseconds(500), [&] {
                        return !state->sent_first || call.version != state->sent_version ||
                               call.closed || context.stopping.load();
                      });
                      if (!state->sent_first || call.version != state->sent_version) {
                        json data = {{"id", call.id}, {"verdict", verdict_json(call.verdict)}};
                        out += sse_event("verdict", call.version, data);
                        state->sent_first = true;
                        state->sent_version = call.version;
                      }
                      if (call.closed) {
                        json data = {{"id", call.id},
                                     {"state", "closed"},
                                     {"close_reason", call.close_reason},
                                     {"verdict", verdict_json(call.verdict)}};
                        out += sse_event("closed", call.version, data);
                        finished = true;
                      }
                    }
                    const auto now = std::chrono::steady_clock::now();
                    if (out.empty() && now - state->last_write > std::chrono::seconds(15)) {
                      out = ": keep-alive\n\n";
                    }
                    if (!out.empty()) {
                      if (!sink.write(out.data(), out.size())) return false;
                      state->last_write = now;
                    }
                    if (finished || context.stopping.load()) sink.done();
                    return true;
                  },
                  [&context](bool /*success*/) { context.open_streams.fetch_sub(1); });
            });
}

}  // namespace scamguard::server
