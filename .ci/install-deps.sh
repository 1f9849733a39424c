#!/usr/bin/env bash
# Installs the Debian packages scamguard builds, tests and benchmarks with. Idempotent.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libvectorscan-dev     # multi-pattern matching: every phrase of an Engine in one database
  libtomlplusplus-dev   # configuration files (TOML)
  nlohmann-json3-dev    # corpus lines, verdict lines, golden-call events
  libgtest-dev          # unit, golden-call and eval tests
  libbenchmark-dev      # benchmarks
  python3-sklearn       # the peer baseline in bench/ (TF-IDF + logistic regression)
  libphonenumber-dev    # caller-ID numbering-plan checks; campaign callback numbers (E.164)
  libprotobuf-dev       # reading libphonenumber's metadata for the home-country fast path
  libhiredis-dev        # Redis state backend: traffic counters shared by daemon nodes
  redis-server          # integration tests of the Redis state backend (started by the tests)
  fasttext              # a peer baseline in bench/ only (fastText command-line tool)
  wrk                   # bench/load/: the HTTP load generator for scamguardd
  libboost-dev          # Boost.Asio + Boost.Beast: scamguardd's event-loop HTTP server
  libspdlog-dev         # scamguardd's logs: its own, access log, verdict log
  libcpp-httplib-dev    # the integration tests' HTTP client
  libcli11-dev          # command-line parsing, help and man pages of scamguard and scamguardd
  man-db                # man -l: the install test renders the generated scamguard.1 and scamguardd.8
  clang-14 libfuzzer-14-dev libclang-rt-14-dev  # fuzz/ (libFuzzer, the `fuzz` preset)
  libsqlite3-dev        # scamguardd's call store and the campaign case store
  libssl-dev            # SHA-256 of bearer tokens (libcrypto)
  curl                  # .ci/run's daemon smoke check; the Kamailio test's health probe
  python3               # tools/gen_campaign_corpus.py, run by the campaign eval test
  python3-dev           # the Python binding (python/): Python headers
  pybind11-dev          # the Python binding (python/), built when found
  kamailio              # the shipped SIP proxy config (conf/kamailio/), integration test
  kamailio-utils-modules  # http_client: Kamailio asks scamguardd /v1/check
  kamailio-extra-modules  # jansson: Kamailio builds the set-up JSON and reads the verdict
  sip-tester            # sipp: drives the Kamailio integration test
  libpq-dev             # PostgreSQL call and campaign stores shared by daemon nodes (libpq)
  postgresql            # PostgreSQL integration tests (initdb/postgres started by the tests)
  libjs-chart.js        # the analyst console's charts, served by scamguardd ([server] chart_js)
  chromium              # the console's browser test (tests/browser/, headless)
  chromium-driver       # WebDriver for that headless Chromium
  python3-selenium      # drives it from the browser test (Debian's /usr/bin/python3)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
