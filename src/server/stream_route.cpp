// GET /v1/calls/{id}/stream: Server-Sent Events, one `verdict` event each time the call's
// action or findings change, on whichever node (and one on connect with the verdict so far),
// then `closed` when the call closes. A comment line every 15 s keeps proxies from timing
// the stream out.
//
// A stream holds no thread: it registers a watcher with the call, the watcher wakes the
// connection in the event loop, and the connection reads the call's verdict then. The number
// of streams is still capped (limits.max_streams), as each one is a socket.
#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

namespace {

using nlohmann::json;

class CallEventStream : public EventStream {
 public:
  CallEventStream(std::shared_ptr<LiveCall> call, ServerContext& context)
      : call_(std::move(call)), context_(context) {}
  ~CallEventStream() override { context_.open_streams.fetch_sub(1); }

  void start(std::function<void()> wake) override {
    watcher_ = std::make_shared<const std::function<void()>>(std::move(wake));
    std::lock_guard lock(call_->mutex);
    call_->watchers.push_back(watcher_);
  }

  Step next() override {
    LiveCall& call = *call_;
    Step step;
    std::lock_guard lock(call.mutex);
    auto send = [&](uint64_t version, const Verdict& verdict) {
      json data = {{"id", call.id}, {"verdict", verdict_json(verdict)}};
      step.data += sse_event("verdict", version, data);
      sent_version_ = version;
    };
    if (!sent_first_) {
      send(call.version, call.verdict);
      sent_first_ = true;
    }
    // Every change since the last one sent, not only the latest: a warn followed at once by
    // a block is two events.
    for (const LiveCall::Change& change : call.recent_changes) {
      if (change.version > sent_version_) send(change.version, change.verdict);
    }
    if (call.version != sent_version_) send(call.version, call.verdict);
    if (call.closed) {
      json data = {{"id", call.id},
                   {"state", "closed"},
                   {"close_reason", call.close_reason},
                   {"verdict", verdict_json(call.verdict)}};
      step.data += sse_event("closed", call.version, data);
      step.done = true;
    }
    return step;
  }

 private:
  std::shared_ptr<LiveCall> call_;
  ServerContext& context_;
  std::shared_ptr<const std::function<void()>> watcher_;
  uint64_t sent_version_ = 0;
  bool sent_first_ = false;
};

}  // namespace

void register_stream_route(Router& router, ServerContext& context) {
  auto service = std::make_shared<CallService>(context);
  add_route(router, context, Method::kGet, "/v1/calls/([A-Za-z0-9._:@-]+)/stream", "calls_stream",
            Scope::kRead, [service, &context](const Request& req, Response& res) {
              const std::string& id = req.matches[1];
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
              send_event_stream(res, context, [&] {
                return std::make_shared<CallEventStream>(*found.value, context);
              });
            });
}

}  // namespace scamguard::server
