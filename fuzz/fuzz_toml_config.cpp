// scamguardd's TOML configuration loader (server::load_daemon_config, through the shared
// parse_toml_file) and the token file loader, on arbitrary file contents. The bytes are
// written to an in-memory file (memfd) so the loaders read them by path as they do in use.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "server/auth.h"
#include "server/daemon_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("fuzz.toml", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) return 0;
  scamguard::server::DaemonConfig base;
  (void)scamguard::server::load_daemon_config(path, base);
  (void)scamguard::server::TokenSet::load(path);
  return 0;
}
