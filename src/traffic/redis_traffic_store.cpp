// The Redis traffic store: traffic counters shared by every scamguardd node.
//
// Layout, for a key K (e.g. "c:+61412345678") and bucket b (time / bucket_ms):
//   <prefix>K:b     hash: a attempts, e ended, n answered, s short calls, d talk ms,
//                   x<callee> calls to that callee, g<block> callees first called in the
//                   window whose number falls in that block
//   <prefix>K:h:b   HyperLogLog of the bucket's callees
// Each bucket expires one long window after it closes. One Lua script records an attempt
// and sums the window in a single round trip, so two nodes recording at once see each
// other's counts exactly as one node would.
//
// hiredis contexts are not thread-safe: one connection, one mutex. A failed command drops
// the connection; reconnects are attempted no sooner than a backoff that doubles from
// 100 ms to max_backoff_ms, and calls in between fail fast with kUnavailable.

#include <hiredis/hiredis.h>

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "scamguard/traffic_store.h"

namespace scamguard {
namespace {

// ARGV: prefix, bucket, short_buckets, long_buckets, ttl_seconds, then (key, callee, block)
// per attempt; callee "" when unknown. Returns, per attempt, {attempts_short,
// attempts_long, ended, answered, short_calls, duration_ms, distinct, neighbours}.
constexpr const char* kAttemptScript = R"lua(
local prefix = ARGV[1]
local now = tonumber(ARGV[2])
local nshort = tonumber(ARGV[3])
local nlong = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])
local out = {}
local i = 6
while i <= #ARGV do
  local key = prefix .. ARGV[i]
  local callee = ARGV[i + 1]
  local block = tonumber(ARGV[i + 2])
  i = i + 3
  local bucket = key .. ':' .. string.format('%d', now)
  redis.call('HINCRBY', bucket, 'a', 1)
  local neighbours = 0
  local seen = false
  local hlls = {}
  local sums = {0, 0, 0, 0, 0, 0}
  for b = now - nlong + 1, now do
    local name = key .. ':' .. string.format('%d', b)
    local v = redis.call('HMGET', name, 'a', 'e', 'n', 's', 'd',
                         'g' .. string.format('%d', block - 1), 'g' .. string.format('%d', block),
                         'g' .. string.format('%d', block + 1), 'x' .. callee)
    local a = tonumber(v[1]) or 0
    if b > now - nshort then sums[1] = sums[1] + a end
    sums[2] = sums[2] + a
    sums[3] = sums[3] + (tonumber(v[2]) or 0)
    sums[4] = sums[4] + (tonumber(v[3]) or 0)
    sums[5] = sums[5] + (tonumber(v[4]) or 0)
    sums[6] = sums[6] + (tonumber(v[5]) or 0)
    if callee ~= '' then
      neighbours = neighbours + (tonumber(v[6]) or 0) + (tonumber(v[7]) or 0) + (tonumber(v[8]) or 0)
      if v[9] then seen = true end
      hlls[#hlls + 1] = key .. ':h:' .. string.format('%d', b)
    end
  end
  local distinct = 0
  if callee ~= '' then
    local hll = key .. ':h:' .. string.format('%d', now)
    redis.call('PFADD', hll, callee)
    redis.call('EXPIRE', hll, ttl)
    redis.call('HINCRBY', bucket, 'x' .. callee, 1)
    -- Only a callee new to the window counts, and counts its block (see memory_traffic_store.cpp).
    if seen then
      neighbours = 0
    else
      redis.call('HINCRBY', bucket, 'g' .. string.format('%d', block), 1)
    end
    distinct = redis.call('PFCOUNT', unpack(hlls))
  end
  redis.call('EXPIRE', bucket, ttl)
  out[#out + 1] = {sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], distinct, neighbours}
end
return out
)lua";

// ARGV: prefix, ttl_seconds, then (key, bucket, answered 0/1, short 0/1, duration_ms) per end.
constexpr const char* kEndScript = R"lua(
local prefix = ARGV[1]
local ttl = tonumber(ARGV[2])
local i = 3
while i <= #ARGV do
  local bucket = prefix .. ARGV[i] .. ':' .. ARGV[i + 1]
  redis.call('HINCRBY', bucket, 'e', 1)
  redis.call('HINCRBY', bucket, 'n', tonumber(ARGV[i + 2]))
  redis.call('HINCRBY', bucket, 's', tonumber(ARGV[i + 3]))
  redis.call('HINCRBY', bucket, 'd', tonumber(ARGV[i + 4]))
  redis.call('EXPIRE', bucket, ttl)
  i = i + 5
end
return 0
)lua";

using Clock = std::chrono::steady_clock;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

class RedisTrafficStore final : public TrafficStore {
 public:
  explicit RedisTrafficStore(RedisTrafficStoreOptions options) : options_(std::move(options)) {}
  ~RedisTrafficStore() override { disconnect(); }

  Status record_attempts(std::span<const AttemptRecord> attempts, const TrafficWindows& windows,
                         std::span<TrafficStats> out) override {
    if (out.size() != attempts.size()) {
      return make_error(ErrorCode::kInvalidInput, "record_attempts: out has the wrong size");
    }
    if (attempts.empty()) return {};
    const int64_t bucket = floor_div(attempts.front().time_ms, windows.bucket_ms);
    std::vector<std::string> args = {"EVALSHA",
                                     "",
                                     "0",
                                     options_.key_prefix,
                                     std::to_string(bucket),
                                     std::to_string(windows.short_buckets),
                                     std::to_string(windows.long_buckets),
                                     ttl(windows)};
    for (const AttemptRecord& attempt : attempts) {
      args.emplace_back(attempt.key);
      args.push_back(attempt.destination ? std::to_string(attempt.destination) : "");
      args.push_back(std::to_string(attempt.destination / windows.sequential_block));
    }
    std::lock_guard lock(mutex_);
    redisReply* reply = nullptr;
    if (Status status = run(kAttempt, args, reply); !status) return status;
    Status status = read_stats(reply, out);
    freeReplyObject(reply);
    return status;
  }

  Status record_ends(std::span<const EndRecord> ends, const TrafficWindows& windows) override {
    if (ends.empty()) return {};
    std::vector<std::string> args = {"EVALSHA", "", "0", options_.key_prefix, ttl(windows)};
    for (const EndRecord& end : ends) {
      args.emplace_back(end.key);
      args.push_back(std::to_string(floor_div(end.time_ms, windows.bucket_ms)));
      args.push_back(end.answered ? "1" : "0");
      args.push_back(end.answered && end.duration_ms < windows.short_call_ms ? "1" : "0");
      args.push_back(std::to_string(end.answered ? end.duration_ms : 0));
    }
    std::lock_guard lock(mutex_);
    redisReply* reply = nullptr;
    if (Status status = run(kEnd, args, reply); !status) return status;
    freeReplyObject(reply);
    return {};
  }

  std::string_view name() const noexcept override { return "redis"; }

 private:
  enum ScriptIndex { kAttempt, kEnd };

  static std::string ttl(const TrafficWindows& windows) {
    // A bucket stays readable for one long window after it closes, plus a margin.
    const int64_t ms = windows.bucket_ms * (windows.long_buckets + 1);
    return std::to_string(ms / 1000 + 60);
  }

  static Status read_stats(const redisReply* reply, std::span<TrafficStats> out) {
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != out.size()) {
      return make_error(ErrorCode::kUnavailable, "redis: unexpected reply to the attempt script");
    }
    for (size_t i = 0; i < out.size(); ++i) {
      const redisReply* row = reply->element[i];
      if (row->type != REDIS_REPLY_ARRAY || row->elements != 8) {
        return make_error(ErrorCode::kUnavailable, "redis: unexpected row in the attempt script");
      }
      auto at = [&](size_t k) { return row->element[k]->integer; };
      out[i].attempts_short = static_cast<uint32_t>(at(0));
      out[i].attempts_long = static_cast<uint32_t>(at(1));
      out[i].ended = static_cast<uint32_t>(at(2));
      out[i].answered = static_cast<uint32_t>(at(3));
      out[i].short_calls = static_cast<uint32_t>(at(4));
      out[i].duration_ms = at(5);
      out[i].distinct_destinations = static_cast<uint32_t>(at(6));
      const int64_t neighbours = at(7);
      out[i].sequential_neighbours = static_cast<uint32_t>(neighbours > 0 ? neighbours : 0);
    }
    return {};
  }

  // Runs a script by its SHA (loading it when Redis has forgotten it). On any connection
  // error the context is dropped and a reconnect scheduled. Caller holds mutex_.
  Status run(ScriptIndex script, std::vector<std::string>& args, redisReply*& reply) {
    if (Status status = ensure_connected(); !status) return status;
    for (int attempt = 0; attempt < 2; ++attempt) {
      args[1] = shas_[script];
      std::vector<const char*> argv;
      std::vector<size_t> lengths;
      for (const std::string& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
      }
      reply = static_cast<redisReply*>(
          redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()));
      if (!reply) return fail("redis command failed");
      if (reply->type == REDIS_REPLY_ERROR) {
        const std::string message(reply->str, reply->len);
        freeReplyObject(reply);
        reply = nullptr;
        if (message.rfind("NOSCRIPT", 0) == 0 && attempt == 0) {
          if (Status status = load_scripts(); !status) return status;
          continue;
        }
        return make_error(ErrorCode::kUnavailable, "redis: " + message);
      }
      return {};
    }
    return make_error(ErrorCode::kUnavailable, "redis: script could not be loaded");
  }

  Status ensure_connected() {
    if (context_) return {};
    const Clock::time_point now = Clock::now();
    if (now < next_attempt_) {
      return make_error(ErrorCode::kUnavailable,
                        "redis at " + address() + " is unreachable; retrying shortly");
    }
    timeval connect_timeout{options_.connect_timeout_ms / 1000,
                            (options_.connect_timeout_ms % 1000) * 1000};
    context_ = redisConnectWithTimeout(options_.host.c_str(), options_.port, connect_timeout);
    if (!context_ || context_->err) {
      return fail("cannot connect");
    }
    timeval command_timeout{options_.command_timeout_ms / 1000,
                            (options_.command_timeout_ms % 1000) * 1000};
    redisSetTimeout(context_, command_timeout);
    if (Status status = load_scripts(); !status) return status;
    backoff_ms_ = 0;
    return {};
  }

  Status load_scripts() {
    const char* scripts[] = {kAttemptScript, kEndScript};
    for (int i = 0; i < 2; ++i) {
      auto* reply = static_cast<redisReply*>(redisCommand(context_, "SCRIPT LOAD %s", scripts[i]));
      if (!reply) return fail("SCRIPT LOAD failed");
      if (reply->type != REDIS_REPLY_STRING) {
        const std::string message =
            reply->type == REDIS_REPLY_ERROR ? std::string(reply->str, reply->len) : "no sha";
        freeReplyObject(reply);
        return fail("SCRIPT LOAD: " + message);
      }
      shas_[i].assign(reply->str, reply->len);
      freeReplyObject(reply);
    }
    return {};
  }

  Unexpected fail(const std::string& what) {
    std::string detail = context_ && context_->err ? std::string(": ") + context_->errstr : "";
    disconnect();
    backoff_ms_ = backoff_ms_ == 0 ? 100 : std::min(backoff_ms_ * 2, options_.max_backoff_ms);
    next_attempt_ = Clock::now() + std::chrono::milliseconds(backoff_ms_);
    return make_error(ErrorCode::kUnavailable, "redis at " + address() + ": " + what + detail);
  }

  void disconnect() {
    if (context_) redisFree(context_);
    context_ = nullptr;
  }

  std::string address() const { return options_.host + ":" + std::to_string(options_.port); }

  RedisTrafficStoreOptions options_;
  std::mutex mutex_;
  redisContext* context_ = nullptr;
  std::string shas_[2];
  int backoff_ms_ = 0;
  Clock::time_point next_attempt_{};
};

}  // namespace

std::shared_ptr<TrafficStore> make_redis_traffic_store(const RedisTrafficStoreOptions& options) {
  return std::make_shared<RedisTrafficStore>(options);
}

}  // namespace scamguard
