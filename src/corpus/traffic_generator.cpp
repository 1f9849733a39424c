#include "corpus/traffic_generator.h"

#include <algorithm>
#include <cmath>
#include <queue>

#include "signalling/numbering_plan.h"

namespace scamguard::corpus {
namespace {

constexpr int kDomesticTrunks = 20;
constexpr int kCallCentreGateways = 3;  // intl-gw-1..3; intl-gw-4 carries only legit calls
constexpr int kBusinesses = 10;

struct Line {
  int64_t next_ms;
  int agent;
  bool operator>(const Line& other) const {
    return next_ms != other.next_ms ? next_ms > other.next_ms : agent > other.agent;
  }
};

}  // namespace

const char* to_string(TrafficSource source) noexcept {
  switch (source) {
    case TrafficSource::kSubscriber:
      return "subscriber";
    case TrafficSource::kForeignCaller:
      return "foreign_caller";
    case TrafficSource::kRoaming:
      return "roaming";
    case TrafficSource::kBusinessOutbound:
      return "business_outbound";
    case TrafficSource::kCallCentre:
      return "call_centre";
  }
  return "subscriber";
}

struct TrafficGenerator::State {
  TrafficOptions options;
  std::mt19937_64 random;
  std::shared_ptr<const signalling::NumberingPlan> plan;
  std::vector<std::string> subscribers;
  std::vector<std::string> businesses;
  std::vector<std::string> foreign;
  std::vector<std::string> spoof_mobiles;
  std::vector<std::string> spoof_landlines;
  std::vector<uint64_t> lead_next;  // per agent: the next number on its lead list
  std::priority_queue<Line, std::vector<Line>, std::greater<>> lines;
  std::vector<int64_t> business_next;
  double ordinary_gap_ms = 0;  // mean time between ordinary calls
  int64_t ordinary_next = 0;
  uint64_t next_id = 0;

  double uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
  }
  bool chance(double p) { return uniform(0.0, 1.0) < p; }
  template <class T>
  const T& pick(const std::vector<T>& from) {
    return from[random() % from.size()];
  }

  // A valid number of `type` starting with `prefix`, drawn until libphonenumber agrees.
  std::string valid_number(const std::string& prefix, int digits, signalling::NumberType type) {
    for (;;) {
      std::string number = prefix;
      for (int i = 0; i < digits; ++i) number.push_back(static_cast<char>('0' + random() % 10));
      const signalling::NumberFacts facts = plan->classify(number);
      if (facts.valid && facts.type == type) return number;
    }
  }

  void build() {
    random.seed(options.seed);
    Result<std::shared_ptr<const signalling::NumberingPlan>> created =
        signalling::NumberingPlan::create("AU");
    plan = *created;  // "AU" is always known to libphonenumber
    using signalling::NumberType;
    const char* landline_prefixes[] = {"+612", "+613", "+617", "+618"};
    for (int i = 0; i < options.subscribers; ++i) {
      subscribers.push_back(
          i % 10 < 7 ? valid_number("+614", 8, NumberType::kMobile)
                     : valid_number(landline_prefixes[random() % 4], 8, NumberType::kFixedLine));
    }
    for (int i = 0; i < kBusinesses; ++i) {
      businesses.push_back(
          valid_number(landline_prefixes[random() % 4], 8, NumberType::kFixedLine));
    }
    for (int i = 0; i < 2000; ++i) {
      const int kind = static_cast<int>(random() % 3);
      foreign.push_back(kind == 0   ? valid_number("+447", 9, NumberType::kMobile)
                        : kind == 1 ? valid_number("+9198", 8, NumberType::kMobile)
                                    : "+1" + std::string("415555") +
                                          std::to_string(1000 + random() % 9000));
    }
    for (int i = 0; i < 3000; ++i)
      spoof_mobiles.push_back(valid_number("+614", 8, NumberType::kMobile));
    for (int i = 0; i < 1000; ++i) {
      spoof_landlines.push_back(
          valid_number(landline_prefixes[random() % 4], 8, NumberType::kFixedLine));
    }
    for (int agent = 0; agent < options.agents; ++agent) {
      // Each agent's lead list: a run of mobile numbers, worked in order from a round start.
      lead_next.push_back(61400000000ull + (random() % 90'000'000ull) / 1000 * 1000);
      for (int line = 0; line < options.lines_per_agent; ++line) {
        lines.push({options.start_ms + static_cast<int64_t>(uniform(0, 10'000)), agent});
      }
    }
    // One call-centre dial line places a call about every 80 s (the mean of ring, talk and
    // wrap-up below); the ordinary rate is set so that the call centre's share comes out as
    // asked (a little higher when blocked calls free the lines early).
    const double centre_per_ms = options.agents * options.lines_per_agent / 80'000.0;
    const double share = std::clamp(options.call_centre_share, 0.001, 0.999);
    const double ordinary_per_ms = centre_per_ms * (1.0 - share) / share;
    ordinary_gap_ms = 1.0 / ordinary_per_ms;
    ordinary_next = options.start_ms;
    for (int i = 0; i < kBusinesses; ++i) {
      business_next.push_back(options.start_ms + static_cast<int64_t>(uniform(0, 60'000)));
    }
  }

  GeneratedCall call_centre_call(const Line& line) {
    GeneratedCall call;
    call.source = TrafficSource::kCallCentre;
    CallSetup& s = call.setup;
    s.time_ms = line.next_ms;
    uint64_t& lead = lead_next[static_cast<size_t>(line.agent)];
    lead += 1 + random() % 3;  // some leads are skipped (already called, do-not-call)
    s.callee = "+" + std::to_string(lead);
    const double kind = uniform(0, 1);
    s.caller = kind < 0.55   ? pick(spoof_mobiles)
               : kind < 0.80 ? pick(spoof_landlines)
               : kind < 0.95 ? pick(foreign)
                             : "+61" + std::to_string(random() % 100000);  // junk
    s.direction = Direction::kInbound;
    s.ingress = Ingress::kInternational;
    s.ingress_country = chance(0.7) ? "IN" : "PH";
    s.trunk = "intl-gw-" + std::to_string(1 + random() % kCallCentreGateways);
    if (chance(0.7)) s.attestation = "C";
    call.answered = chance(0.2);
    call.ring_seconds = call.answered ? uniform(3, 15) : uniform(20, 35);
    call.talk_seconds = !call.answered ? 0 : chance(0.6) ? uniform(3, 25) : uniform(60, 1200);
    return call;
  }

  GeneratedCall ordinary_call(int64_t time) {
    GeneratedCall call;
    CallSetup& s = call.setup;
    s.time_ms = time;
    s.direction = Direction::kInbound;
    s.callee = chance(0.85) ? pick(subscribers) : pick(businesses);
    const double kind = uniform(0, 1);
    if (kind < 0.015) {
      call.source = TrafficSource::kForeignCaller;
      s.caller = pick(foreign);
      s.ingress = Ingress::kInternational;
      s.ingress_country = s.caller.compare(0, 3, "+44") == 0 ? "GB" : "US";
      s.trunk = "intl-gw-" + std::to_string(1 + random() % (kCallCentreGateways + 1));
    } else if (kind < 0.016) {
      call.source = TrafficSource::kRoaming;
      s.caller = pick(subscribers);
      s.ingress = Ingress::kInternational;
      s.ingress_country = "NZ";
      s.trunk = "intl-gw-4";
    } else {
      call.source = TrafficSource::kSubscriber;
      const size_t who = random() % subscribers.size();
      s.caller = subscribers[who];
      s.ingress = Ingress::kDomestic;
      s.trunk = "dom-" + std::to_string(who % kDomesticTrunks);
      const double attestation = uniform(0, 1);
      s.attestation = attestation < 0.8 ? "A" : attestation < 0.9 ? "B" : "";
    }
    call.answered = chance(0.65);
    call.ring_seconds = uniform(5, 25);
    call.talk_seconds = !call.answered ? 0
                        : chance(0.15) ? uniform(5, 30)
                                       : 30 + std::exponential_distribution<>(1.0 / 180)(random);
    return call;
  }

  GeneratedCall business_call(size_t business, int64_t time) {
    GeneratedCall call;
    call.source = TrafficSource::kBusinessOutbound;
    CallSetup& s = call.setup;
    s.time_ms = time;
    s.caller = businesses[business];
    s.callee = pick(subscribers);
    s.direction = Direction::kInbound;
    s.ingress = Ingress::kDomestic;
    s.trunk = "dom-" + std::to_string(business % kDomesticTrunks);
    s.attestation = "A";
    call.answered = chance(0.6);
    call.ring_seconds = uniform(5, 25);
    call.talk_seconds = call.answered ? uniform(30, 240) : 0;
    return call;
  }

  GeneratedCall next() {
    const Line line = lines.top();
    auto business = std::min_element(business_next.begin(), business_next.end());
    const int64_t earliest = std::min({line.next_ms, ordinary_next, *business});
    GeneratedCall call;
    if (earliest == line.next_ms) {
      lines.pop();
      call = call_centre_call(line);
      const double busy = call.ring_seconds + call.talk_seconds + uniform(2, 6);
      lines.push({line.next_ms + static_cast<int64_t>(busy * 1000.0), line.agent});
    } else if (earliest == ordinary_next) {
      call = ordinary_call(ordinary_next);
      ordinary_next +=
          1 + static_cast<int64_t>(std::exponential_distribution<>(1.0 / ordinary_gap_ms)(random));
    } else {
      const auto index = static_cast<size_t>(business - business_next.begin());
      call = business_call(index, *business);
      *business += static_cast<int64_t>(uniform(30'000, 90'000));  // about one a minute
    }
    call.id = next_id++;
    return call;
  }
};

TrafficGenerator::TrafficGenerator(const TrafficOptions& options)
    : state_(std::make_unique<State>()) {
  state_->options = options;
  state_->build();
}
TrafficGenerator::~TrafficGenerator() = default;

GeneratedCall TrafficGenerator::next() { return state_->next(); }

}  // namespace scamguard::corpus
