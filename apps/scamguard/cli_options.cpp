#include "cli_options.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace scamguard::cli {

bool CommonOptions::has_flag(std::string_view name) const {
  return std::any_of(flags.begin(), flags.end(), [&](const auto& f) { return f.first == name; });
}

std::optional<std::string> CommonOptions::flag(std::string_view name) const {
  for (const auto& [key, value] : flags) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<CommonOptions> parse_options(int argc, char** argv,
                                           const std::vector<std::string>& valued,
                                           const std::vector<std::string>& switches) {
  CommonOptions options;
  // The CLI (not the library) may read the environment: SCAMGUARD_CONF points at a
  // configuration directory when --conf is not given.
  const char* env_conf = std::getenv("SCAMGUARD_CONF");
  options.engine.config_dir = env_conf ? env_conf : default_config_dir();
  // Compiled patterns are cached per user, as rspamd caches its Hyperscan databases:
  // compiling takes about half a second, loading the cached database milliseconds.
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    options.engine.pattern_cache_dir = std::string(xdg) + "/scamguard";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    options.engine.pattern_cache_dir = std::string(home) + "/.cache/scamguard";
  }
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() < 2 || arg.rfind("--", 0) != 0) {
      options.positional.push_back(arg);
      continue;
    }
    const bool is_engine_flag = arg == "--conf" || arg == "--local" || arg == "--override" ||
                                arg == "--pattern-cache" || arg == "--model";
    const bool takes_value =
        is_engine_flag || std::find(valued.begin(), valued.end(), arg) != valued.end();
    if (takes_value) {
      if (i + 1 >= argc) {
        std::cerr << "scamguard: " << arg << " needs a value\n";
        return std::nullopt;
      }
      std::string value = argv[++i];
      if (arg == "--conf")
        options.engine.config_dir = value;
      else if (arg == "--local")
        options.engine.local_dir = value;
      else if (arg == "--override")
        options.engine.override_dir = value;
      else if (arg == "--pattern-cache")
        options.engine.pattern_cache_dir = value;
      else if (arg == "--model")
        options.engine.model_path = value;
      else
        options.flags.emplace_back(arg, value);
    } else if (std::find(switches.begin(), switches.end(), arg) != switches.end()) {
      options.flags.emplace_back(arg, "");
    } else {
      std::cerr << "scamguard: unknown option " << arg << "\n";
      return std::nullopt;
    }
  }
  return options;
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
