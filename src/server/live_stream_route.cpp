// GET /v1/stream: the calls open on this node, live, as Server-Sent Events — the console's
// live list. On connect one `calls` event lists every open call (newest first); then one
// `call` event each time a call opens or its verdict changes, and a `call` event with
// "state": "closed" when it closes. A stream that fell too far behind the feed gets a fresh
// `calls` list instead of the changes it missed.
//
// Like the per-call stream it holds no thread: it watches the registry's feed
// (server/call_feed.h) and reads the calls when it is woken.
#include <algorithm>

#include "server/json_codec.h"
#include "server/routes.h"

namespace scamguard::server {

namespace {

using nlohmann::json;

// The brand the caller claims, from the first finding whose evidence names one
// ("brand=amazon"); empty when none does yet.
std::string claimed_brand(const Verdict& verdict) {
  constexpr std::string_view kBrand = "brand=";
  for (const Finding& finding : verdict.findings) {
    for (const std::string& option : finding.options) {
      if (option.starts_with(kBrand)) {
        std::string value = option.substr(kBrand.size());
        return value.substr(0, value.find(','));  // "brand=x,caller=y" carries two facts
      }
    }
  }
  return {};
}

// One row of the live list; `call`'s mutex must be held.
json live_row(const LiveCall& call) {
  return {{"id", call.id},
          {"state", call.closed ? "closed" : "open"},
          {"caller", call.caller},
          {"display_name", call.display_name},
          {"brand", claimed_brand(call.verdict)},
          {"action", to_string(call.verdict.action)},
          {"score", call.verdict.score},
          {"reason", call.verdict.reason},
          {"turns", call.turn_count},
          {"opened_at", format_time(call.opened_at_ms)}};
}

class LiveCallsStream : public EventStream {
 public:
  explicit LiveCallsStream(ServerContext& context) : context_(context) {}
  ~LiveCallsStream() override { context_.open_streams.fetch_sub(1); }

  void start(std::function<void()> wake) override {
    watcher_ = std::make_shared<const std::function<void()>>(std::move(wake));
    // The version first, then the watch: a change between the two is sent twice, never lost.
    version_ = context_.calls.feed().version();
    context_.calls.feed().watch(watcher_);
  }

  Step next() override {
    Step step;
    if (!sent_first_) {
      sent_first_ = true;
      step.data = snapshot();
      return step;
    }
    CallFeed::Since changed = context_.calls.feed().since(version_);
    version_ = changed.version;
    if (changed.resync) {
      step.data = snapshot();
      return step;
    }
    for (const std::string& id : changed.ids) {
      std::shared_ptr<LiveCall> call = context_.calls.find(id);
      json row;
      if (call) {
        std::lock_guard lock(call->mutex);
        row = live_row(*call);
      } else {
        row = {{"id", id}, {"state", "closed"}};
      }
      step.data += sse_event("call", version_, row);
    }
    if (context_.stopping.load()) step.done = true;
    return step;
  }

 private:
  std::string snapshot() {
    std::vector<std::shared_ptr<LiveCall>> calls = context_.calls.snapshot();
    std::vector<std::pair<int64_t, json>> rows;
    rows.reserve(calls.size());
    for (const std::shared_ptr<LiveCall>& call : calls) {
      std::lock_guard lock(call->mutex);
      if (!call->closed) rows.emplace_back(call->opened_at_ms, live_row(*call));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    json list = json::array();
    for (auto& [opened, row] : rows) list.push_back(std::move(row));
    return sse_event("calls", version_, {{"calls", std::move(list)}});
  }

  ServerContext& context_;
  std::shared_ptr<const std::function<void()>> watcher_;
  uint64_t version_ = 0;
  bool sent_first_ = false;
};

}  // namespace

void register_live_stream_route(Router& router, ServerContext& context) {
  add_route(router, context, Method::kGet, "/v1/stream", "live_stream", Scope::kRead,
            [&context](const Request&, Response& res) {
              send_event_stream(res, context,
                                [&context] { return std::make_shared<LiveCallsStream>(context); });
            });
}

}  // namespace scamguard::server
