#include "server/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace scamguard::server {

namespace {

std::shared_ptr<spdlog::logger> make_logger(const std::string& name) {
  static const std::shared_ptr<spdlog::sinks::stderr_sink_mt> sink = [] {
    auto made = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    made->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%eZ %l %n: %v", spdlog::pattern_time_type::utc));
    return made;
  }();
  auto logger = std::make_shared<spdlog::logger>(name, sink);
  logger->flush_on(spdlog::level::trace);  // stderr: every line as it is written
  return logger;
}

struct Loggers {
  std::shared_ptr<spdlog::logger> main = make_logger("scamguardd");
  std::shared_ptr<spdlog::logger> access = make_logger("access");
  std::shared_ptr<spdlog::logger> verdict = make_logger("verdict");
};

Loggers& loggers() {
  static Loggers instance;
  return instance;
}

}  // namespace

void set_log_levels(const LogLevels& levels) {
  Loggers& all = loggers();
  all.main->set_level(spdlog::level::from_str(levels.main));
  all.access->set_level(spdlog::level::from_str(levels.access));
  all.verdict->set_level(spdlog::level::from_str(levels.verdicts));
}

spdlog::logger& main_log() { return *loggers().main; }
spdlog::logger& access_log() { return *loggers().access; }
spdlog::logger& verdict_log() { return *loggers().verdict; }

}  // namespace scamguard::server
