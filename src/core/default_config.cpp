// default_config_dir() (engine_options.h): the installed conf/, found from the library's own
// location so that an installed tree works wherever it was installed or moved to.
#include <dlfcn.h>

#include <array>
#include <filesystem>
#include <system_error>

#include "scamguard/engine_options.h"

namespace scamguard {
namespace {

namespace fs = std::filesystem;

// <prefix>/share/scamguard/conf for a module at <prefix>/bin/x, <prefix>/lib/x or
// <prefix>/lib/<multiarch>/x; the build tree mirrors it (build/<preset>/share/scamguard/conf).
constexpr int kLevelsUp = 3;

bool is_config_dir(const fs::path& dir) {
  std::error_code ignored;
  return fs::is_regular_file(dir / "actions.toml", ignored);
}

fs::path search_up(const fs::path& module) {
  std::error_code ignored;
  fs::path dir = fs::weakly_canonical(module, ignored).parent_path();
  for (int level = 0; level <= kLevelsUp && !dir.empty(); ++level, dir = dir.parent_path()) {
    if (fs::path candidate = dir / "share" / "scamguard" / "conf"; is_config_dir(candidate)) {
      return candidate;
    }
    if (dir == dir.root_path()) break;
  }
  return {};
}

}  // namespace

std::string default_config_dir() {
  std::array<fs::path, 2> modules;
  // The shared library itself, or the program a static library is linked into.
  if (Dl_info info{}; dladdr(reinterpret_cast<void*>(&default_config_dir), &info) != 0 &&
                      info.dli_fname != nullptr) {
    modules[0] = info.dli_fname;
  }
  std::error_code ignored;
  modules[1] = fs::read_symlink("/proc/self/exe", ignored);
  for (const fs::path& module : modules) {
    if (module.empty()) continue;
    if (fs::path found = search_up(module); !found.empty()) return found.string();
  }
  if (is_config_dir(SCAMGUARD_INSTALL_CONF_DIR)) return SCAMGUARD_INSTALL_CONF_DIR;
  return {};
}

}  // namespace scamguard
