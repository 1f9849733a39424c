#include "server/call_service.h"

#include <functional>
#include <random>
#include <unordered_map>

#include "codec/event_json.h"
#include "core/verdict_json.h"
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

store::VerdictChange change_of(const Verdict& verdict, int seq, int turn, int64_t at) {
  std::string findings;
  detail::append_findings_json(findings, verdict);
  return {seq, turn, at, to_string(verdict.action), verdict.score, std::move(findings)};
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
  // Not live here: closed (409), unknown (404), or open on another node of a shared store,
  // in which case this node takes it up from the store.
  Result<store::CallRecord> stored = context_.store.load_call(id);
  if (!stored) {
    if (stored.error().code != ErrorCode::kNotFound) return api_error(stored.error());
    return not_live(id, false);
  }
  if (stored->summary.state == store::CallState::kClosed) return not_live(id, true);
  auto call = std::make_shared<LiveCall>();
  call->id = id;
  call->opened_at_ms = stored->summary.opened_at;
  if (Status replayed = replay_into(*call, *stored); !replayed) return api_error(replayed.error());
  // Taken up calls do not count against max_open_calls: they were accepted before. Two
  // requests taking up the same call at once share the first one registered.
  if (context_.calls.insert(call, std::numeric_limits<size_t>::max()) ==
      CallRegistry::InsertResult::kExists) {
    if (std::shared_ptr<LiveCall> first = context_.calls.find(id)) return first;
  }
  return call;
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
  call->caller = setup.caller;
  call->display_name = setup.display_name;

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
                        change_of(call->verdict, 0, -1, call->opened_at_ms),
                        call->session->setup_traffic()};
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
  const uint64_t digest = turn_digest(turn);
  return write_step(
      id, "turn",
      [&](LiveCall& call, store::CallStep& step, int64_t now) -> Outcome<CallView> {
        if (expected_index && *expected_index < call.turn_count &&
            call.turn_digests[static_cast<size_t>(*expected_index)] == digest) {
          CallView view{id, *expected_index, false, false, {}, call.verdict};
          view.duplicate = true;
          return view;
        }
        if (expected_index && *expected_index != call.turn_count) {
          return ApiError{409, "turn_out_of_order",
                          "index: this turn would be turn " + std::to_string(call.turn_count) +
                              ", not " + std::to_string(*expected_index)};
        }
        if (Status applied = call.session->on_turn(turn); !applied)
          return api_error(applied.error());
        step.turn = store::TurnRecord{call.turn_count, call.next_seq, now, to_string(turn.speaker),
                                      turn.text};
        return CallView{id, call.turn_count, false, false, {}, {}};
      },
      [&](LiveCall& call) {
        call.turn_digests.push_back(digest);
        ++call.turn_count;
      });
}

Outcome<CallView> CallService::add_event(const std::string& id, const DeviceEvent& event) {
  return write_step(
      id, "event",
      [&](LiveCall& call, store::CallStep& step, int64_t now) -> Outcome<CallView> {
        if (Status applied = call.session->on_device_event(event); !applied) {
          return api_error(applied.error());
        }
        step.event = store::DeviceEventRecord{call.next_seq, call.turn_count - 1, now,
                                              to_string(event.type), event.app};
        return CallView{id, call.turn_count - 1, false, false, {}, {}};
      },
      [](LiveCall&) {});
}

Outcome<CallView> CallService::write_step(
    const std::string& id, const char* what,
    const std::function<Outcome<CallView>(LiveCall&, store::CallStep&, int64_t)>& apply,
    const std::function<void(LiveCall&)>& committed) {
  Outcome<std::shared_ptr<LiveCall>> found = live_call(id);
  if (!found.ok()) return found.error;
  LiveCall& call = **found.value;
  std::unique_lock lock(call.mutex);
  // Another node may write to this call first (a shared store): the store refuses the step
  // (kConflict), this node reads the call again and applies the event to the fresh session.
  bool reread_for_order = false;
  for (int attempt = 0;; ++attempt) {
    if (call.closed) return not_live(id, !call.close_reason.empty());
    const Verdict before = call.verdict;
    store::CallStep step;
    step.call_id = id;
    const int64_t now = ServerContext::now_ms();
    Outcome<CallView> view = apply(call, step, now);
    if (!view.ok() && view.error.code == "turn_out_of_order" && context_.store.shared() &&
        !reread_for_order) {
      // The client may know more than this node: turns posted to another node just now, whose
      // notification has not arrived. Read the call again and look once more (the check
      // comes before the session is touched).
      reread_for_order = true;
      if (Status refreshed = refresh(call); !refreshed) return api_error(refreshed.error());
      continue;
    }
    if (!view.ok() || view.value->duplicate) return view;
    const Verdict& after = call.session->verdict();
    const int seq = call.next_seq;
    if (verdict_changed(before, after)) {
      step.verdict = change_of(after, seq, view.value->turn_index, now);
    }
    step.action = to_string(after.action);
    step.score = after.score;
    Status stored = context_.store.append_step(step);
    if (stored) {
      call.verdict = after;
      call.next_seq = seq + 1;
      committed(call);
      if (step.verdict) call.record_change(after);
      if (after.action != before.action) {
        log_action(id, what, before.action, after, view.value->turn_index);
      }
      context_.metrics.count_verdict(after.action);
      view.value->verdict = after;
      return view;
    }
    // The session is ahead of the store: read the call again, so memory and disk agree and a
    // retry of this event is scored once.
    if (Status refreshed = refresh(call); !refreshed) {
      call.closed = true;
      context_.calls.erase(id);
      context_.log("call " + id +
                   ": dropped from memory after a store error: " + refreshed.error().message);
      return api_error(stored.error());
    }
    if (call.closed) return not_live(id, true);  // closed on another node meanwhile
    if (stored.error().code != ErrorCode::kConflict || attempt == kMaxConflictRetries) {
      return api_error(stored.error());
    }
  }
}

Outcome<CallView> CallService::close_call(const std::string& id, const std::string& reason) {
  Outcome<std::shared_ptr<LiveCall>> found = live_call(id);
  if (!found.ok()) return found.error;
  LiveCall& call = **found.value;
  std::unique_lock lock(call.mutex);
  for (int attempt = 0;; ++attempt) {
    if (call.closed) return not_live(id, !call.close_reason.empty());
    Status stored = close_locked(call, reason, std::nullopt);
    if (stored) {
      CallView view{id, call.turn_count - 1, true, false, reason, call.verdict};
      lock.unlock();
      feed_campaigns(id);
      return view;
    }
    // Another node added a step (read it, so the close reports the verdict it stored) or
    // closed the call first (409 on the next round).
    const ErrorCode code = stored.error().code;
    if ((code != ErrorCode::kConflict && code != ErrorCode::kInvalidInput) ||
        attempt == kMaxConflictRetries) {
      return api_error(stored.error());
    }
    if (Status refreshed = refresh(call); !refreshed) return api_error(refreshed.error());
  }
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

Status CallService::close_locked(LiveCall& call, const std::string& reason,
                                 std::optional<int64_t> idle_before) {
  store::CloseCall close{call.id,
                         ServerContext::now_ms(),
                         reason,
                         to_string(call.verdict.action),
                         call.verdict.score,
                         call.next_seq,
                         idle_before};
  if (Status stored = context_.store.close_call(close); !stored) return stored;
  mark_closed(call, reason);
  return {};
}

void CallService::mark_closed(LiveCall& call, const std::string& reason) {
  call.closed = true;
  call.close_reason = reason;
  call.session.reset();
  context_.calls.erase(call.id);
  call.notify_changed();
}

Outcome<Verdict> CallService::check(const CallSetup& setup) const {
  CallSession session = context_.engine()->open_call();
  if (Status applied = session.on_signalling(setup); !applied) return api_error(applied.error());
  context_.metrics.count_verdict(session.verdict().action);
  return session.verdict();
}

namespace {

// Applies a stored call to a fresh session in the order it was received; `after_step` (if
// set) is called with each step's seq once the session has seen it.
Status replay_record(const store::CallRecord& record, CallSession& session, int& turn_count,
                     int& next_seq, std::vector<uint64_t>& digests,
                     const std::function<void(int seq, const CallSession&)>& after_step) {
  digests.clear();
  Result<CallSetup> setup = codec::parse_setup_json(record.setup_json);
  if (!setup) return Unexpected{setup.error()};
  // Counted in the traffic state when the call was opened: not again on a rebuild.
  if (Status applied = session.on_signalling_restored(*setup, record.setup_traffic); !applied) {
    return applied;
  }
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
      if (after_step) after_step(turn.seq, session);
    } else {
      const store::DeviceEventRecord& event = record.events[e++];
      std::optional<DeviceEventType> type = parse_device_event_type(event.type);
      if (!type) {
        return make_error(ErrorCode::kInvalidInput, "stored event has type '" + event.type + "'");
      }
      if (Status applied = session.on_device_event({*type, event.app}); !applied) return applied;
      next_seq = std::max(next_seq, event.seq + 1);
      if (after_step) after_step(event.seq, session);
    }
  }
  turn_count = static_cast<int>(record.turns.size());
  return {};
}

}  // namespace

Status CallService::replay_into(LiveCall& call, const store::CallRecord& record,
                                bool record_changes) const {
  CallSession session = context_.engine()->open_call();
  int turn_count = 0;
  int next_seq = 1;
  std::vector<uint64_t> digests;
  // Steps this node has not seen (another node's) are told to the call's streams one by
  // one, as that node's streams saw them; the verdict before them is the call's own.
  const int first_new_seq = call.next_seq;
  Verdict last = call.verdict;
  std::function<void(int, const CallSession&)> after_step;
  if (record_changes) {
    after_step = [&](int seq, const CallSession& replayed) {
      if (seq < first_new_seq || !verdict_changed(last, replayed.verdict())) return;
      last = replayed.verdict();
      call.record_change(last);
    };
  }
  if (Status replayed = replay_record(record, session, turn_count, next_seq, digests, after_step);
      !replayed) {
    return replayed;
  }
  call.session.emplace(std::move(session));
  call.turn_count = turn_count;
  call.turn_digests = std::move(digests);
  call.next_seq = next_seq;
  if (Result<CallSetup> setup = codec::parse_setup_json(record.setup_json)) {
    call.caller = setup->caller;
    call.display_name = setup->display_name;
  }
  call.verdict = call.session->verdict();
  return {};
}

Result<CallTimeline> CallService::replay_timeline(const store::CallRecord& record) const {
  // What each seq was, to label the points: a turn (its index) or a device event (the turn
  // it came after).
  std::unordered_map<int, TimelinePoint> steps;
  for (const store::TurnRecord& turn : record.turns) {
    steps[turn.seq] = {turn.seq, turn.index, "turn", 0.0, Action::kAllow};
  }
  for (const store::DeviceEventRecord& event : record.events) {
    steps[event.seq] = {event.seq, event.after_turn, "event", 0.0, Action::kAllow};
  }
  CallTimeline timeline;
  CallSession session = context_.engine()->open_call();
  int turn_count = 0;
  int next_seq = 1;
  std::vector<uint64_t> digests;
  // The set-up's point is the verdict stored when the call opened: replaying the set-up alone
  // would give the same, and this keeps the replay to one pass.
  if (!record.verdicts.empty() && record.verdicts.front().seq == 0) {
    const store::VerdictChange& opened = record.verdicts.front();
    timeline.points.push_back(
        {0, -1, "setup", opened.score, parse_action(opened.action).value_or(Action::kAllow)});
  }
  auto point_of = [](TimelinePoint point, const CallSession& scored) {
    const Verdict& verdict = scored.verdict();
    point.score = verdict.score;
    point.action = verdict.action;
    return point;
  };
  auto after_step = [&](int seq, const CallSession& scored) {
    auto found = steps.find(seq);
    if (found != steps.end()) timeline.points.push_back(point_of(found->second, scored));
  };
  if (Status replayed = replay_record(record, session, turn_count, next_seq, digests, after_step);
      !replayed) {
    return Unexpected{replayed.error()};
  }
  timeline.verdict = session.verdict();
  return timeline;
}

Status CallService::refresh(LiveCall& call) {
  Result<store::CallRecord> record = context_.store.load_call(call.id);
  if (!record) return Unexpected{record.error()};
  if (record->summary.state == store::CallState::kClosed) {
    mark_closed(call, record->summary.close_reason);
    return {};
  }
  const Verdict before = call.verdict;
  const uint64_t version_before = call.version;
  if (Status replayed = replay_into(call, *record, /*record_changes=*/true); !replayed) {
    return replayed;
  }
  // A replay that ended elsewhere than the steps said (e.g. another rule set): one change.
  if (call.version == version_before && verdict_changed(before, call.verdict)) {
    call.record_change(call.verdict);
  }
  return {};
}

void CallService::on_store_change(const std::string& id, int seq) {
  std::vector<std::shared_ptr<LiveCall>> calls;
  if (id.empty()) {
    calls = context_.calls.snapshot();  // changes may have been missed: look at every call
  } else if (std::shared_ptr<LiveCall> call = context_.calls.find(id)) {
    calls.push_back(std::move(call));
  }
  for (const std::shared_ptr<LiveCall>& call : calls) {
    std::lock_guard lock(call->mutex);
    // This node's own writes (and older news) are already in the session.
    if (call->closed || (!id.empty() && seq != store::kClosedSeq && seq < call->next_seq)) continue;
    if (Status refreshed = refresh(*call); !refreshed) {
      context_.log("call " + call->id +
                   ": not refreshed from the store: " + refreshed.error().message);
    }
  }
}

Result<size_t> CallService::restore_open_calls() {
  // A shared store's open calls belong to every node: each is taken up when first touched.
  if (context_.store.shared()) return size_t{0};
  Result<std::vector<store::CallRecord>> records = context_.store.load_open_calls();
  if (!records) return Unexpected{records.error()};
  size_t restored = 0;
  for (store::CallRecord& record : *records) {
    auto call = std::make_shared<LiveCall>();
    call->id = record.summary.id;
    call->opened_at_ms = record.summary.opened_at;
    if (Status replayed = replay_into(*call, record); !replayed) {
      context_.log("call " + call->id + " could not be restored: " + replayed.error().message);
      (void)context_.store.close_call({call->id, ServerContext::now_ms(), "restore_failed",
                                       record.summary.action, record.summary.score});
      continue;
    }
    // Restored calls do not count against max_open_calls: they were accepted before.
    context_.calls.insert(call, std::numeric_limits<size_t>::max());
    ++restored;
  }
  return restored;
}

size_t CallService::close_idle_calls(int64_t now_ms) {
  // The store's updated_at is when any node last wrote to the call, so every node finds the
  // same idle calls; the close is conditional on the call still being idle, so exactly one
  // node closes each (and feeds it to the campaigns).
  const int64_t cutoff = now_ms - int64_t{context_.limits().idle_timeout_seconds} * 1000;
  store::CallQuery query;
  query.state = store::CallState::kOpen;
  query.updated_before = cutoff;
  query.limit = 500;
  Result<std::vector<store::CallSummary>> idle = context_.store.list_calls(query);
  if (!idle) {
    context_.log("idle calls not closed: " + idle.error().message);
    return 0;
  }
  size_t closed = 0;
  for (const store::CallSummary& summary : *idle) {
    if (std::shared_ptr<LiveCall> call = context_.calls.find(summary.id)) {
      std::unique_lock lock(call->mutex, std::try_to_lock);
      if (!lock.owns_lock() || call->closed) continue;  // busy, so not idle
      if (!close_locked(*call, "idle_timeout", cutoff)) {
        (void)refresh(*call);  // a step or a close on another node overtook this one
        continue;
      }
    } else {
      store::CloseCall close{summary.id,    now_ms,       "idle_timeout", summary.action,
                             summary.score, std::nullopt, cutoff};
      if (!context_.store.close_call(close)) continue;  // overtaken by another node
    }
    feed_campaigns(summary.id);
    ++closed;
  }
  return closed;
}

}  // namespace scamguard::server
