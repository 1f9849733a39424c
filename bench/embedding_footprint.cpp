// What an app embedding libscamguard pays (docs/embedding.md): Engine::load without a
// pattern cache, with an empty cache (cold: compile and write), with a filled cache (warm),
// and the resident memory of one engine and of open calls. Public API only, linked to the
// library as installed (shared by default).
//
//   scamguard_embedding_footprint CONF_DIR [RUNS]
//
// Memory is VmRSS from /proc/self/status: before the first load, after it, and after opening
// 100 calls that each heard the same four scam turns (per call: the difference / 100). The
// load times are the medians of RUNS (default 5) loads each, after one unmeasured load, as
// wall time and as this process's CPU time.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scamguard/scamguard.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 10, '\n');
  }
  return -1;
}

scamguard::Engine load_or_exit(const scamguard::EngineOptions& options) {
  scamguard::Result<scamguard::Engine> engine = scamguard::Engine::load(options);
  if (!engine) {
    std::fprintf(stderr, "load failed: %s\n", engine.error().message.c_str());
    std::exit(1);
  }
  return std::move(*engine);
}

struct LoadTime {
  double wall_ms;
  double cpu_ms;  // this process's CPU time: what a busy machine does not inflate
};

double cpu_ms_now() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

// Medians of `runs` loads; `before` runs ahead of each load, unmeasured.
template <class Before>
LoadTime median_load(const scamguard::EngineOptions& options, int runs, Before before) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < runs; ++i) {
    before();
    const auto start = Clock::now();
    const double cpu_start = cpu_ms_now();
    scamguard::Engine engine = load_or_exit(options);
    cpu.push_back(cpu_ms_now() - cpu_start);
    wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: scamguard_embedding_footprint CONF_DIR [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const fs::path cache = fs::temp_directory_path() / ("sg-footprint-" + std::to_string(getpid()));

  scamguard::EngineOptions options;
  options.config_dir = argv[1];
  options.pattern_cache_dir = cache.string();

  // Memory first, in a process that has loaded nothing yet.
  const long rss_start = resident_kib();
  std::vector<scamguard::CallSession> calls;
  long rss_engine = 0, rss_calls = 0;
  {
    scamguard::Engine engine = load_or_exit(options);  // also fills the cache
    rss_engine = resident_kib();
    const char* turns[] = {
        "sir my name is david i am calling from amazon customer care you have a cashback",
        "to process the cashback download any desk and read me the nine digit code",
        "i can see your security software has crashed",
        "you just have to pay one forty nine dollars for the security repair"};
    for (int i = 0; i < 100; ++i) {
      calls.push_back(engine.open_call());
      for (const char* text : turns)
        (void)calls.back().on_turn({scamguard::Speaker::kRemote, text});
    }
    if (calls.back().verdict().action != scamguard::Action::kBlock) {
      std::fprintf(stderr, "the sample call did not block\n");
      return 1;
    }
    rss_calls = resident_kib();
  }
  calls.clear();

  scamguard::EngineOptions uncached = options;
  uncached.pattern_cache_dir.clear();
  (void)load_or_exit(uncached);  // warm the page cache and the allocator, unmeasured
  const LoadTime no_cache = median_load(uncached, runs, [] {});
  const LoadTime cold = median_load(options, runs, [&] { fs::remove_all(cache); });
  const LoadTime warm = median_load(options, runs, [] {});
  fs::remove_all(cache);

  std::printf("Engine::load, median of %d    wall ms   CPU ms\n", runs);
  std::printf("  no pattern cache           %8.1f %8.1f\n", no_cache.wall_ms, no_cache.cpu_ms);
  std::printf("  cold cache (compile+write) %8.1f %8.1f\n", cold.wall_ms, cold.cpu_ms);
  std::printf("  warm cache                 %8.1f %8.1f\n", warm.wall_ms, warm.cpu_ms);
  std::printf("resident, process    %8ld KiB before the first load\n", rss_start);
  std::printf("resident, one engine %8ld KiB more\n", rss_engine - rss_start);
  std::printf("resident, per call   %8.1f KiB (100 open calls, 4 turns each)\n",
              static_cast<double>(rss_calls - rss_engine) / 100.0);
  return 0;
}
