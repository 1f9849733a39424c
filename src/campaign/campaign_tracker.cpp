#include "campaign/campaign_tracker.h"

#include <cstdio>

namespace scamguard::campaign {

Result<CampaignTracker> CampaignTracker::open(CampaignStore& store,
                                              const IndicatorExtractor& extractor,
                                              LinkerOptions options) {
  CampaignTracker tracker(store, extractor, options);
  Result<int64_t> count = store.call_count();
  if (!count) return Unexpected{count.error()};
  tracker.next_seq_ = *count + 1;
  tracker.linker_.reserve(static_cast<size_t>(*count) + 1024);
  Status status =
      store.for_each_suspect_call([&](const StoredCall& call) { tracker.replay(call); });
  // Calls that are not suspect only need their ids known, to refuse duplicates.
  tracker.known_ids_.insert(tracker.call_ids_.begin(), tracker.call_ids_.end());
  if (!status) return Unexpected{status.error()};
  return tracker;
}

void CampaignTracker::replay(const StoredCall& call) {
  linker_.add_call(minhash(call.shingles), call.shingles.size(), call.indicators);
  seq_.push_back(call.seq);
  call_ids_.push_back(call.id);
}

Result<size_t> CampaignTracker::catch_up() {
  size_t suspects = 0;
  Status status = store_->for_each_call_after(next_seq_ - 1, [&](const StoredCall& call) {
    if (call.suspect) {
      replay(call);
      ++suspects;
    }
    known_ids_.insert(call.id);
    next_seq_ = call.seq + 1;
  });
  if (!status) return Unexpected{status.error()};
  return suspects;
}

Result<CallUpdate> CampaignTracker::add_call(const CallObservation& observation) {
  // Another tracker on the same store stored calls first: catch up and plan again. Bounded,
  // so a store that keeps refusing is an error rather than a hang.
  constexpr int kMaxCatchUps = 16;
  for (int attempt = 0;; ++attempt) {
    Result<CallUpdate> added = try_add(observation);
    if (added || added.error().code != ErrorCode::kConflict || attempt == kMaxCatchUps) {
      return added;
    }
    if (Result<size_t> caught_up = catch_up(); !caught_up) return Unexpected{caught_up.error()};
  }
}

Result<CallUpdate> CampaignTracker::try_add(const CallObservation& observation) {
  if (known_ids_.count(observation.id)) {
    return make_error(ErrorCode::kInvalidInput,
                      "call '" + observation.id + "' is already in the campaign store");
  }
  CallUpdate update;
  StoredCall& call = update.call;
  call.id = observation.id;
  call.seq = next_seq_;
  call.time_known = observation.started_at.has_value();
  call.started_at = observation.started_at.value_or(next_seq_);
  call.action = to_string(observation.action);
  call.score = observation.score;
  call.suspect = observation.action >= Action::kWarn;
  call.indicators = extractor_->extract(observation.setup, observation.turns);

  if (call.suspect) {
    call.shingles = script_shingles(observation.turns);
    const Signature signature = minhash(call.shingles);
    // Planned now, committed to the linker only once the store has accepted the call.
    const LinkOutcome outcome = linker_.plan(signature, call.shingles.size(), call.indicators);
    seq_.push_back(call.seq);
    call.campaign = campaign_name(outcome.campaign);
    for (uint32_t absorbed : outcome.absorbed) update.absorbed.push_back(campaign_name(absorbed));
    for (const Link& link : outcome.links) {
      StoredLink stored{call.id, call_ids_[link.other], {}, {}};
      if (link.by_script) {
        char similarity[32];
        std::snprintf(similarity, sizeof similarity, "%.2f", link.similarity);
        stored.reason = "script";
        stored.value = similarity;
      } else {
        stored.reason = std::string(to_string(link.indicator_kind));
        stored.value = link.indicator_value;
      }
      update.links.push_back(std::move(stored));
    }
    Result<int64_t> seq = store_->apply(update);
    if (!seq) {
      seq_.pop_back();
      return Unexpected{seq.error()};
    }
    if (*seq != call.seq) {  // campaign names would point at the wrong call
      seq_.pop_back();
      return make_error(ErrorCode::kInternal, "the campaign store numbered call '" + call.id +
                                                  "' " + std::to_string(*seq) + ", expected " +
                                                  std::to_string(call.seq));
    }
    linker_.commit(outcome, signature, call.shingles.size(), call.indicators);
    call_ids_.push_back(call.id);
  } else {
    Result<int64_t> seq = store_->apply(update);
    if (!seq) return Unexpected{seq.error()};
  }
  known_ids_.insert(call.id);
  ++next_seq_;
  return update;
}

}  // namespace scamguard::campaign
