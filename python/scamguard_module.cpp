// The Python binding (pybind11): scamguard.Engine, Call, Verdict and Finding over the public
// C++ API. Errors raise ValueError with the engine's message.
//
//   import scamguard
//   engine = scamguard.Engine()                    # the installed conf/
//   call = engine.open_call()
//   call.turn("remote", "hello i am calling from amazon")
//   print(call.verdict().action, call.verdict().reason)
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "scamguard/scamguard.h"

namespace py = pybind11;
using namespace scamguard;

namespace {

void raise_on_error(const Status& status) {
  if (!status) throw py::value_error(status.error().message);
}

template <class T, class Parse>
T parse_or_raise(const std::string& name, Parse parse, const char* what) {
  std::optional<T> value = parse(name);
  if (!value) throw py::value_error(std::string("unknown ") + what + " '" + name + "'");
  return *value;
}

}  // namespace

PYBIND11_MODULE(scamguard, m) {
  m.doc() = "scamguard: real-time scam-call scoring";
  m.attr("__version__") = SCAMGUARD_VERSION_STRING;
  m.def("default_config_dir", &default_config_dir,
        "The configuration installed with the library ('' when none is found).");

  py::class_<Finding>(m, "Finding")
      .def_readonly("symbol", &Finding::symbol)
      .def_readonly("group", &Finding::group)
      .def_property_readonly("stage", [](const Finding& f) { return to_string(f.stage); })
      .def_readonly("score", &Finding::score)
      .def_property_readonly("turn",
                             [](const Finding& f) -> std::optional<int> {
                               if (f.turn < 0) return std::nullopt;
                               return f.turn;
                             })
      .def_readonly("options", &Finding::options)
      .def("__repr__", [](const Finding& f) { return "<Finding " + f.symbol + ">"; });

  py::class_<Verdict>(m, "Verdict")
      .def_property_readonly("action", [](const Verdict& v) { return to_string(v.action); })
      .def_readonly("score", &Verdict::score)
      .def_readonly("warn_score", &Verdict::warn_score)
      .def_readonly("block_score", &Verdict::block_score)
      .def_readonly("reason", &Verdict::reason)
      .def_readonly("findings", &Verdict::findings)
      .def("to_json", [](const Verdict& v) { return to_json(v); })
      .def("__repr__", [](const Verdict& v) {
        return std::string("<Verdict ") + to_string(v.action) + " " + std::to_string(v.score) + ">";
      });

  // A call belongs to one thread at a time (session.h); the binding holds the GIL throughout.
  py::class_<CallSession>(m, "Call")
      .def(
          "setup",
          [](CallSession& call, const std::string& caller, const std::string& callee,
             const std::string& display_name, const std::string& direction,
             const std::string& ingress, const std::string& ingress_country,
             const std::string& trunk, const std::string& attestation) {
            CallSetup setup;
            setup.caller = caller;
            setup.callee = callee;
            setup.display_name = display_name;
            if (!direction.empty()) {
              setup.direction = parse_or_raise<Direction>(direction, parse_direction, "direction");
            }
            if (!ingress.empty()) {
              setup.ingress = parse_or_raise<Ingress>(ingress, parse_ingress, "ingress");
            }
            setup.ingress_country = ingress_country;
            setup.trunk = trunk;
            setup.attestation = attestation;
            raise_on_error(call.on_signalling(setup));
          },
          py::kw_only(), py::arg("caller") = "", py::arg("callee") = "",
          py::arg("display_name") = "", py::arg("direction") = "", py::arg("ingress") = "",
          py::arg("ingress_country") = "", py::arg("trunk") = "", py::arg("attestation") = "")
      .def(
          "turn",
          [](CallSession& call, const std::string& speaker, const std::string& text) {
            raise_on_error(
                call.on_turn({parse_or_raise<Speaker>(speaker, parse_speaker, "speaker"), text}));
          },
          py::arg("speaker"), py::arg("text"))
      .def(
          "device_event",
          [](CallSession& call, const std::string& type, const std::string& app) {
            raise_on_error(call.on_device_event(
                {parse_or_raise<DeviceEventType>(type, parse_device_event_type, "event type"),
                 app}));
          },
          py::arg("type"), py::arg("app") = "")
      .def("verdict", [](const CallSession& call) { return call.verdict(); })
      .def_property_readonly("turn_count", &CallSession::turn_count);

  py::class_<Engine>(m, "Engine")
      .def(
          py::init([](const std::string& config_dir, const std::string& local_dir,
                      const std::string& pattern_cache_dir, std::optional<std::string> model_path) {
            EngineOptions options;
            options.config_dir = config_dir;
            options.local_dir = local_dir;
            options.pattern_cache_dir = pattern_cache_dir;
            options.model_path = std::move(model_path);
            Result<Engine> engine = Engine::load(options);
            if (!engine) throw py::value_error(engine.error().message);
            return std::move(*engine);
          }),
          py::kw_only(), py::arg("config_dir") = "", py::arg("local_dir") = "",
          py::arg("pattern_cache_dir") = "", py::arg("model_path") = py::none())
      .def("open_call", &Engine::open_call)
      .def("symbols",
           [](const Engine& engine) {
             py::list out;
             for (const SymbolInfo& info : engine.symbols()) {
               py::dict entry;
               entry["symbol"] = info.symbol;
               entry["group"] = info.group;
               entry["stage"] = to_string(info.stage);
               entry["score"] = info.score;
               entry["default_score"] = info.default_score;
               entry["description"] = info.description;
               entry["composite"] = info.composite;
               out.append(entry);
             }
             return out;
           })
      .def_property_readonly("warnings", &Engine::warnings)
      .def_property_readonly("warn_score", &Engine::warn_score)
      .def_property_readonly("block_score", &Engine::block_score);
}
