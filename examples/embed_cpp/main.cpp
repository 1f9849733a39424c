// Embedding scamguard in C++: score one golden .call file (tests/calls/README.md) event by
// event and print the verdict after each event, then the final one:
//
//   embed_cpp tests/calls/scam/amazon_cashback_anydesk_fee.call
//   ...
//   block 40.5 Caller ...
//
// Only the public API (include/scamguard/) is used; the .call reader below understands the
// `setup`, `turn` and `event` lines, enough for this example.
#include <scamguard/scamguard.h>

#include <fstream>
#include <iostream>
#include <string>

namespace {

// The string value of "key": "value" in a one-line JSON object, or "" (no escapes handled).
std::string field(const std::string& json, const std::string& key) {
  const std::string marker = "\"" + key + "\": \"";
  const size_t at = json.find(marker);
  if (at == std::string::npos) return {};
  const size_t from = at + marker.size();
  return json.substr(from, json.find('"', from) - from);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed_cpp FILE.call\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "embed_cpp: cannot read " << argv[1] << "\n";
    return 2;
  }

  scamguard::EngineOptions options;  // config_dir empty: the conf/ installed with the library
  scamguard::Result<scamguard::Engine> engine = scamguard::Engine::load(options);
  if (!engine) {
    std::cerr << "embed_cpp: " << engine.error().message << "\n";
    return 1;
  }
  scamguard::CallSession call = engine->open_call();

  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    scamguard::Status status;
    if (line.rfind("setup ", 0) == 0) {
      scamguard::CallSetup setup;
      setup.caller = field(line, "caller");
      setup.callee = field(line, "callee");
      setup.display_name = field(line, "display_name");
      setup.direction = scamguard::parse_direction(field(line, "direction"))
                            .value_or(scamguard::Direction::kUnknown);
      setup.ingress =
          scamguard::parse_ingress(field(line, "ingress")).value_or(scamguard::Ingress::kUnknown);
      setup.ingress_country = field(line, "ingress_country");
      setup.trunk = field(line, "trunk");
      setup.attestation = field(line, "attestation");
      status = call.on_signalling(setup);
    } else if (line.rfind("turn ", 0) == 0) {
      const size_t quote = line.find('"');
      const std::string speaker = line.substr(5, quote - 6);
      const std::string text = line.substr(quote + 1, line.rfind('"') - quote - 1);
      status = call.on_turn(
          {scamguard::parse_speaker(speaker).value_or(scamguard::Speaker::kUnknown), text});
    } else if (line.rfind("event ", 0) == 0) {
      std::optional<scamguard::DeviceEventType> type =
          scamguard::parse_device_event_type(field(line, "type"));
      if (!type) {
        std::cerr << argv[1] << ":" << number << ": unknown device event\n";
        return 1;
      }
      status = call.on_device_event({*type, field(line, "app")});
    } else {
      continue;  // comments and expectations
    }
    if (!status) {
      std::cerr << argv[1] << ":" << number << ": " << status.error().message << "\n";
      return 1;
    }
    const scamguard::Verdict& verdict = call.verdict();
    std::cout << number << ": " << scamguard::to_string(verdict.action) << " " << verdict.score
              << "\n";
  }
  const scamguard::Verdict& verdict = call.verdict();
  std::cout << scamguard::to_string(verdict.action) << " " << verdict.score << " " << verdict.reason
            << "\n";
  return 0;
}
