// scamguardd's logs, through spdlog, to standard error (a service manager adds its own
// timestamps and routing; journald keeps stderr). Three loggers, each with its level from
// [log] in the daemon configuration ("trace", "debug", "info", "warn", "error", "off"):
//
//   scamguardd   start, stop, reloads, store and campaign errors     [log] level
//   access       one line per request: client, method, target, status, latency, bytes
//                                                                     [log] access
//   verdict      one line each time a call's action changes           [log] verdicts
//
//   2026-12-02T15:04:05.123Z info access: 127.0.0.1:40112 "POST /v1/calls/c-1/turns" 200
//     0.412 ms in=52 out=310
#pragma once

#include <spdlog/spdlog.h>

#include <string>

#include "scamguard/error.h"
#include "server/daemon_config.h"

namespace scamguard::server {

// Creates the loggers on first use and sets their levels (again on each reload).
void set_log_levels(const LogLevels& levels);

spdlog::logger& main_log();
spdlog::logger& access_log();
spdlog::logger& verdict_log();

}  // namespace scamguard::server
