#include "server/call_service.h"

#include <nlohmann/json.hpp>
#include <random>

#include "codec/event_json.h"
#include "server/campaign_service.h"
#include "server/json_codec.h"
#include "server/logging.h"

namespace scamguard::server {

namespace {

std::string new_call_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "c-";
  for (int part = 0; part < 2; ++part) {
    uint64_t bits = random();
    for (int i = 0; i < 12; ++i, bits >>= 4) id.push_back(kHex[bits & 0xf]);
  }
  return id;
}

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

store::VerdictChange change_of(const Verdict& verdict, int seq, int turn, int64_t at) {
  return {seq, turn, at, to_string(verdict.action), verdict.score, dump(findings_json(verdict))};
}

// The verdict log: one line when a call's action changes (and when a call opens at warn or
// above), naming the symbols behind it.
void log_action(const std::string& id, const char* what, Action before, const Verdict& after,
                int turn) {
  spdlog::logger& log = verdict_log();
  if (!log.should_log(spdlog::level::info)) return;
  std::string symbols;
  for (const Finding& finding : after.findings) {
    if (!symbols.empty()) symbols += ',';
    symbols += finding.symbol;
  }
  log.info("call {} {} {} -> {} score {:.2f} turn {} [{}]", id, what, to_string(before),
           to_string(after.action), after.score, turn, symbols);
}

ApiError not_live(const std::string& id, bool closed) {
  if (closed) return {409, "call_closed", "call '" + id + "' is closed"};
  return {404, "call_not_found", "no call with id '" + id + "'"};
}

}  // namespace

ApiError api_error(const Error& error) {
  const int status = http_status(error.code);
  return {status, std::string(error_code_name(error.code)), error.message};
}

Outcome<std::shared_ptr<LiveCall>> CallService::live_call(const std::string& id) const {
  if (std::shared_ptr<LiveCall> call = context_.calls.find(id)) return call;
  // Not live: closed earlier (409) or unknown (404).
  Result<store::CallRecord> stored = context_.store.load_call(id);
  if (stored) return not_live(id, true);
  if (stored.error().code != ErrorCode::kNotFound) return api_error(stored.error());
  return not_live(id, false);
}

Outcome<CallView> CallService::open_call(std::optional<std::string> id, const CallSetup& setup,
                                         const std::string& setup_json) {
  const Limits limits = context_.limits();
  auto call = std::make_shared<LiveCall>();
  call->id = id ? *id : new_call_id();
  call->session.emplace(context_.engine()->open_call());
  if (Status applied = call->session->on_signalling(setup); !applied) {
    return api_error(applied.error());
  }
  call->verdict = call->session->verdict();
  call->opened_at_ms = ServerContext::now_ms();
  call->last_activity_ms = call->opened_at_ms;

  // Registered (and locked) before the write, so the open-call limit holds under concurrent
  // opens and nobody can add a turn before the call is on disk.
  std::unique_lock lock(call->mutex);
  switch (context_.calls.insert(call, limits.max_open_calls)) {
    case CallRegistry::InsertResult::kExists:
      return ApiError{409, "call_exists", "call '" + call->id + "' already exists"};
    case CallRegistry::InsertResult::kFull:
      return ApiError{429, "too_many_open_calls",
                      "there are already " + std::to_string(limits.max_open_calls) +
                          " open calls (limits.max_open_calls); close some first"};
    case CallRegistry::InsertResult::kInserted:
      break;
  }
  store::NewCall record{call->id, setup_json, call->opened_at_ms,
                        change_of(call->verdict, 0, -1, call->opened_at_ms)};
  if (Status stored = context_.store.create_call(record); !stored) {
    call->closed = true;
    context_.calls.erase(call->id);
    if (stored.error().code == ErrorCode::kInvalidInput) {
      return ApiError{409, "call_exists", stored.error().message};
    }
    return api_error(stored.error());
  }
  context_.metrics.count_verdict(call->verdict.action);
  if (call->verdict.action != Action::kAllow) {
    log_action(call->id, "opened", Action::kAllow, call->verdict, -1);
  }
  return CallView{call->id, -1, false, false, {}, call->verdict};
}

Outcome<CallView> CallService::add_turn(const std::string& id, const Turn& turn,
                                        std::optional<int> expected_index) {
  const Limits limits = context_.limits();
  if (turn.text.size() > limits.max_turn_bytes) {
    return ApiError{413, "turn_too_large",
                    "text: " + std::to_string(turn.text.size()) + " bytes is over the limit of " +
                        std::to_string(limits.max_turn_bytes) + " (limits.max_turn_bytes)"};
  }
  Outcome<std::shared_ptr<LiveCall>> found = live_call(id);
  if (!found.ok()) return found.error;
  LiveCall& call = **found.value;
  std::unique_lock lock(call.mutex);
  if (call.closed) return not_live(id, !call.close_reason.empty());
  const uint64_t digest = turn_digest(turn);
  if (expected_index && *expected_index < call.turn_count &&
      call.turn_digests[static_cast<size_t>(*expected_index)] == digest) {
    CallView view{id, *expected_index, false, false, {}, call.verdict};
    view.duplicate = true;
    return view;
  }
  if (expected_index && *expected_index != call.turn_count) {
    return ApiError{409, "turn_out_of_order",
                    "index: this turn would be turn " + std::to_string(call.turn_count) + ", not " +
                        std::to_string(*expected_index)};
  }
  const Verdict before = call.verdict;
  if (Status applied = call.session->on_turn(turn); !applied) return api_error(applied.error());
  const Verdict& after = call.session->verdict();
  const bool changed = verdict_changed(before, after);
  const int64_t now = ServerContext::now_ms();
  const int seq = call.next_seq;
  const int index = call.turn_count;

  store::CallStep step;
  step.call_id = id;
  step.turn = store::TurnRecord{index, seq, now, to_string(turn.speaker), turn.text};
  if (changed) step.verdict = change_of(after, seq, index, now);
  step.action = to_string(after.action);
  step.score = after.score;
  if (Status stored = context_.store.append_step(step); !stored) {
    // The session is ahead of the store: rebuild it from what is on disk, so memory and disk
    // agree again and a retry of this turn is scored once.
    if (Status rebuilt = rebuild(call); !rebuilt) {
      call.closed = true;
      context_.calls.erase(id);
      context_.log("call " + id +
                   ": dropped from memory after a store error: " + rebuilt.error().message);
    }
    return api_error(stored.error());
  }
  call.verdict = after;
  call.turn_count = index + 1;
  call.turn_digests.push_back(digest);
  call.next_seq = seq + 1;
  call.last_activity_ms = now;
  if (changed) {
    ++call.version;
    call.notify_changed();
  }
  if (after.action != before.action) log_action(id, "turn", before.action, after, index);
  context_.metrics.count_verdict(after.action);
  return CallView{id, index, false, false, {}, after};
}

Outcome<CallView> CallService::add_event(const std::string& id, const DeviceEvent& event) {
  Outcome<std::shared_ptr<LiveCall>> found = live_call(id);
  if (!found.ok()) return found.error;
  LiveCall& call = **found.value;
  std::unique_lock lock(call.mutex);
  if (call.closed) return not_live(id, !call.close_reason.empty());
  const Verdict before = call.verdict;
  if (Status applied = call.session->on_device_event(event); !applied) {
    return api_error(applied.error());
  }
  const Verdict& after = call.session->verdict();
  const bool changed = verdict_changed(before, after);
  const int64_t now = ServerContext::now_ms();
  const int seq = call.next_seq;

  store::CallStep step;
  step.call_id = id;
  step.event =
      store::DeviceEventRecord{seq, call.turn_count - 1, now, to_string(event.type), event.app};
  if (changed) step.verdict = change_of(after, seq, call.turn_count - 1, now);
  step.action = to_string(after.action);
  step.score = after.score;
  if (Status stored = context_.store.append_step(step); !stored) {
    if (Status rebuilt = rebuild(call); !rebuilt) {
      call.closed = true;
      context_.calls.erase(id);
    }
    return api_error(stored.error());
  }
  call.verdict = after;
  call.next_seq = seq + 1;
  call.last_activity_ms = now;
  if (changed) {
    ++call.version;
    call.notify_changed();
  }
  if (after.action != before.action) {
    log_action(id, "event", before.action, after, call.turn_count - 1);
  }
  context_.metrics.count_verdict(after.action);
  return CallView{id, call.turn_count - 1, false, false, {}, after};
}

Outcome<CallView> CallService::close_call(const std::string& id, const std::string& reason) {
  Outcome<std::shared_ptr<LiveCall>> found = live_call(id);
  if (!found.ok()) return found.error;
  LiveCall& call = **found.value;
  std::unique_lock lock(call.mutex);
  if (call.closed) return not_live(id, !call.close_reason.empty());
  Outcome<CallView> closed = close_locked(call, reason);
  lock.unlock();
  if (closed.ok()) feed_campaigns(id);
  return closed;
}

void CallService::feed_campaigns(const std::string& id) {
  if (!context_.campaigns) return;
  Result<store::CallRecord> record = context_.store.load_call(id);
  if (!record) {
    context_.campaigns->count_error();
    context_.log("campaigns: call " + id + " not added: " + record.error().message);
    return;
  }
  (void)context_.campaigns->add_closed_call(*record);  // logs and counts its own errors
}

Outcome<CallView> CallService::close_locked(LiveCall& call, const std::string& reason) {
  store::CloseCall close{call.id, ServerContext::now_ms(), reason, to_string(call.verdict.action),
                         call.verdict.score};
  if (Status stored = context_.store.close_call(close); !stored) return api_error(stored.error());
  call.closed = true;
  call.close_reason = reason;
  call.session.reset();
  context_.calls.erase(call.id);
  call.notify_changed();
  return CallView{call.id, call.turn_count - 1, true, false, reason, call.verdict};
}

Outcome<Verdict> CallService::check(const CallSetup& setup) const {
  CallSession session = context_.engine()->open_call();
  if (Status applied = session.on_signalling(setup); !applied) return api_error(applied.error());
  context_.metrics.count_verdict(session.verdict().action);
  return session.verdict();
}

namespace {

// Applies a stored call to a fresh session in the order it was received.
Status replay_record(const store::CallRecord& record, CallSession& session, int& turn_count,
                     int& next_seq, std::vector<uint64_t>& digests) {
  digests.clear();
  Result<CallSetup> setup = codec::parse_setup_json(record.setup_json);
  if (!setup) return Unexpected{setup.error()};
  if (Status applied = session.on_signalling(*setup); !applied) return applied;
  size_t t = 0;
  size_t e = 0;
  next_seq = 1;
  while (t < record.turns.size() || e < record.events.size()) {
    const bool turn_next = e == record.events.size() ||
                           (t < record.turns.size() && record.turns[t].seq < record.events[e].seq);
    if (turn_next) {
      const store::TurnRecord& turn = record.turns[t++];
      std::optional<Speaker> speaker = parse_speaker(turn.speaker);
      if (!speaker) {
        return make_error(ErrorCode::kInvalidInput,
                          "stored turn has speaker '" + turn.speaker + "'");
      }
      const Turn replayed{*speaker, turn.text};
      if (Status applied = session.on_turn(replayed); !applied) return applied;
      digests.push_back(turn_digest(replayed));
      next_seq = std::max(next_seq, turn.seq + 1);
    } else {
      const store::DeviceEventRecord& event = record.events[e++];
      std::optional<DeviceEventType> type = parse_device_event_type(event.type);
      if (!type) {
        return make_error(ErrorCode::kInvalidInput, "stored event has type '" + event.type + "'");
      }
      if (Status applied = session.on_device_event({*type, event.app}); !applied) return applied;
      next_seq = std::max(next_seq, event.seq + 1);
    }
  }
  turn_count = static_cast<int>(record.turns.size());
  return {};
}

}  // namespace

Status CallService::rebuild(LiveCall& call) {
  Result<store::CallRecord> record = context_.store.load_call(call.id);
  if (!record) return Unexpected{record.error()};
  CallSession session = context_.engine()->open_call();
  int turn_count = 0;
  int next_seq = 1;
  std::vector<uint64_t> digests;
  if (Status replayed = replay_record(*record, session, turn_count, next_seq, digests); !replayed) {
    return replayed;
  }
  call.session.emplace(std::move(session));
  call.turn_count = turn_count;
  call.turn_digests = std::move(digests);
  call.next_seq = next_seq;
  call.verdict = call.session->verdict();
  return {};
}

Result<size_t> CallService::restore_open_calls() {
  Result<std::vector<store::CallRecord>> records = context_.store.load_open_calls();
  if (!records) return Unexpected{records.error()};
  size_t restored = 0;
  for (store::CallRecord& record : *records) {
    auto call = std::make_shared<LiveCall>();
    call->id = record.summary.id;
    call->opened_at_ms = record.summary.opened_at;
    call->last_activity_ms = record.summary.updated_at;
    CallSession session = context_.engine()->open_call();
    Status replayed =
        replay_record(record, session, call->turn_count, call->next_seq, call->turn_digests);
    if (!replayed) {
      context_.log("call " + call->id + " could not be restored: " + replayed.error().message);
      (void)context_.store.close_call({call->id, ServerContext::now_ms(), "restore_failed",
                                       record.summary.action, record.summary.score});
      continue;
    }
    call->session.emplace(std::move(session));
    call->verdict = call->session->verdict();
    // Restored calls do not count against max_open_calls: they were accepted before.
    context_.calls.insert(call, std::numeric_limits<size_t>::max());
    ++restored;
  }
  return restored;
}

size_t CallService::close_idle_calls(int64_t now_ms) {
  const int64_t timeout_ms = int64_t{context_.limits().idle_timeout_seconds} * 1000;
  size_t closed = 0;
  for (const std::shared_ptr<LiveCall>& call : context_.calls.snapshot()) {
    if (now_ms - call->last_activity_ms.load() < timeout_ms) continue;
    std::unique_lock lock(call->mutex, std::try_to_lock);
    if (!lock.owns_lock() || call->closed) continue;  // busy, so not idle
    if (!close_locked(*call, "idle_timeout").ok()) continue;
    lock.unlock();
    feed_campaigns(call->id);
    ++closed;
  }
  return closed;
}

}  // namespace scamguard::server
