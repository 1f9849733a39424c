#include "cli_options.h"

#include <cstdlib>
#include <iostream>

namespace scamguard::cli {

EngineOptions default_engine_options() {
  EngineOptions engine;
  // The CLI (not the library) may read the environment: SCAMGUARD_CONF points at a
  // configuration directory when --conf is not given.
  const char* env_conf = std::getenv("SCAMGUARD_CONF");
  engine.config_dir = env_conf ? env_conf : default_config_dir();
  // Compiled patterns are cached per user, as rspamd caches its Hyperscan databases:
  // compiling takes about half a second, loading the cached database milliseconds.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    engine.pattern_cache_dir = std::string(xdg) + "/scamguard";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    engine.pattern_cache_dir = std::string(home) + "/.cache/scamguard";
  }
  return engine;
}

void add_engine_options(CLI::App& command, EngineOptions& engine) {
  const char* group = "Configuration";
  // Given twice, the last wins, as with the hand-written parser (scripts append overrides).
  command.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  command
      .add_option("--conf", engine.config_dir,
                  "shipped configuration directory (default: $SCAMGUARD_CONF or the build's "
                  "conf/)")
      ->type_name("DIR")
      ->group(group);
  command.add_option("--local", engine.local_dir, "local.d: files merged over --conf")
      ->type_name("DIR")
      ->group(group);
  command
      .add_option("--override", engine.override_dir, "override.d: files replacing those of --conf")
      ->type_name("DIR")
      ->group(group);
  command
      .add_option("--pattern-cache", engine.pattern_cache_dir,
                  "where compiled patterns are cached (\"\" to disable; default "
                  "$XDG_CACHE_HOME/scamguard or ~/.cache/scamguard)")
      ->type_name("DIR")
      ->group(group);
  command
      .add_option_function<std::string>(
          "--model", [&engine](const std::string& path) { engine.model_path = path; },
          "the text model to load instead of [model] path in scamguard.toml (\"\" for none: "
          "rules only)")
      ->type_name("FILE")
      ->group(group);
}

std::optional<Engine> load_engine(const EngineOptions& options) {
  Result<Engine> engine = Engine::load(options);
  if (!engine) {
    std::cerr << "scamguard: " << engine.error().message << "\n";
    return std::nullopt;
  }
  for (const std::string& warning : engine->warnings()) {
    std::cerr << "scamguard: warning: " << warning << "\n";
  }
  return std::move(*engine);
}

}  // namespace scamguard::cli
