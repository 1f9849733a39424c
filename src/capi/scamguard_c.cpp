// The C API (include/scamguard/scamguard_c.h) over the C++ one. Nothing may throw out of
// these functions: each body runs inside guarded(), which turns an exception (out of memory,
// a bug) into SCAMGUARD_ERROR_INTERNAL.
#include "scamguard/scamguard_c.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "scamguard/engine.h"
#include "scamguard/version.h"

struct scamguard_engine {
  scamguard::Engine engine;
  std::vector<scamguard::SymbolInfo> symbols;  // the catalogue, kept for its C strings
};

struct scamguard_call {
  scamguard::CallSession session;
};

namespace {

char* copy_string(std::string_view text) noexcept {
  auto* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (!out) return nullptr;
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

int fail(char** error, scamguard::ErrorCode code, std::string_view message) noexcept {
  if (error) *error = copy_string(message);
  return static_cast<int>(code);
}

int report(const scamguard::Status& status, char** error) noexcept {
  if (status) return SCAMGUARD_OK;
  return fail(error, status.error().code, status.error().message);
}

template <class Body>
int guarded(char** error, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(error, scamguard::ErrorCode::kInternal, "out of memory");
  } catch (...) {
    return fail(error, scamguard::ErrorCode::kInternal, "unexpected internal error");
  }
}

std::string text_or_empty(const char* text) { return text ? text : ""; }

}  // namespace

extern "C" {

const char* scamguard_version(void) { return SCAMGUARD_VERSION_STRING; }

const char* scamguard_action_name(scamguard_action action) {
  return scamguard::to_string(static_cast<scamguard::Action>(action));
}

void scamguard_free(void* pointer) { std::free(pointer); }

void scamguard_engine_options_init(scamguard_engine_options* options) {
  if (options) *options = scamguard_engine_options{};
}

scamguard_engine* scamguard_engine_load(const scamguard_engine_options* options, char** error) {
  if (error) *error = nullptr;
  scamguard_engine* out = nullptr;
  guarded(error, [&] {
    scamguard::EngineOptions cpp;
    if (options) {
      cpp.config_dir = text_or_empty(options->config_dir);
      cpp.local_dir = text_or_empty(options->local_dir);
      cpp.override_dir = text_or_empty(options->override_dir);
      cpp.pattern_cache_dir = text_or_empty(options->pattern_cache_dir);
      if (options->model_path) cpp.model_path = options->model_path;
    }
    scamguard::Result<scamguard::Engine> engine = scamguard::Engine::load(cpp);
    if (!engine) return fail(error, engine.error().code, engine.error().message);
    std::vector<scamguard::SymbolInfo> symbols = engine->symbols();
    out = new scamguard_engine{std::move(*engine), std::move(symbols)};
    return static_cast<int>(SCAMGUARD_OK);
  });
  return out;
}

void scamguard_engine_free(scamguard_engine* engine) { delete engine; }

size_t scamguard_engine_warning_count(const scamguard_engine* engine) {
  return engine ? engine->engine.warnings().size() : 0;
}

const char* scamguard_engine_warning(const scamguard_engine* engine, size_t index) {
  if (!engine || index >= engine->engine.warnings().size()) return nullptr;
  return engine->engine.warnings()[index].c_str();
}

size_t scamguard_engine_symbol_count(const scamguard_engine* engine) {
  return engine ? engine->symbols.size() : 0;
}

int scamguard_engine_symbol(const scamguard_engine* engine, size_t index,
                            scamguard_symbol_info* out) {
  if (!engine || !out || index >= engine->symbols.size()) return SCAMGUARD_ERROR_INVALID_INPUT;
  const scamguard::SymbolInfo& info = engine->symbols[index];
  *out = {info.symbol.c_str(),      info.group.c_str(), scamguard::to_string(info.stage),
          info.description.c_str(), info.score,         info.default_score,
          info.composite ? 1 : 0};
  return SCAMGUARD_OK;
}

scamguard_call* scamguard_call_open(const scamguard_engine* engine) {
  if (!engine) return nullptr;
  scamguard_call* out = nullptr;
  guarded(nullptr, [&] {
    out = new scamguard_call{engine->engine.open_call()};
    return static_cast<int>(SCAMGUARD_OK);
  });
  return out;
}

void scamguard_call_free(scamguard_call* call) { delete call; }

int scamguard_call_setup_event(scamguard_call* call, const scamguard_call_setup* setup,
                               char** error) {
  if (error) *error = nullptr;
  if (!call || !setup) {
    return fail(error, scamguard::ErrorCode::kInvalidInput, "call and setup must not be NULL");
  }
  return guarded(error, [&] {
    scamguard::CallSetup cpp;
    cpp.caller = text_or_empty(setup->caller);
    cpp.callee = text_or_empty(setup->callee);
    cpp.display_name = text_or_empty(setup->display_name);
    if (setup->direction) {
      std::optional<scamguard::Direction> direction = scamguard::parse_direction(setup->direction);
      if (!direction) {
        return fail(error, scamguard::ErrorCode::kInvalidInput,
                    "setup.direction: unknown direction '" + std::string(setup->direction) + "'");
      }
      cpp.direction = *direction;
    }
    if (setup->ingress) {
      std::optional<scamguard::Ingress> ingress = scamguard::parse_ingress(setup->ingress);
      if (!ingress) {
        return fail(error, scamguard::ErrorCode::kInvalidInput,
                    "setup.ingress: unknown ingress '" + std::string(setup->ingress) + "'");
      }
      cpp.ingress = *ingress;
    }
    cpp.ingress_country = text_or_empty(setup->ingress_country);
    cpp.trunk = text_or_empty(setup->trunk);
    cpp.attestation = text_or_empty(setup->attestation);
    cpp.asserted_identity = text_or_empty(setup->asserted_identity);
    cpp.time_ms = setup->time_ms;
    return report(call->session.on_signalling(cpp), error);
  });
}

int scamguard_call_turn(scamguard_call* call, scamguard_speaker speaker, const char* text,
                        char** error) {
  if (error) *error = nullptr;
  if (!call || !text) {
    return fail(error, scamguard::ErrorCode::kInvalidInput, "call and text must not be NULL");
  }
  // A C caller can pass any int. In C++ a value outside the enumerators' range is undefined
  // behaviour once read as the enum (the compiler may drop this very check), so the check
  // copies the bits into an unsigned integer (a negative int is then out of range too);
  // std::bit_cast would read them as the enum.
  std::make_unsigned_t<std::underlying_type_t<scamguard_speaker>> raw_speaker = 0;
  static_assert(sizeof raw_speaker == sizeof speaker);
  std::memcpy(&raw_speaker, &speaker, sizeof raw_speaker);
  if (raw_speaker > SCAMGUARD_SPEAKER_UNKNOWN) {
    return fail(error, scamguard::ErrorCode::kInvalidInput, "unknown speaker");
  }
  return guarded(error, [&] {
    return report(call->session.on_turn({static_cast<scamguard::Speaker>(raw_speaker), text}),
                  error);
  });
}

int scamguard_call_device_event(scamguard_call* call, const char* type, const char* app,
                                char** error) {
  if (error) *error = nullptr;
  if (!call || !type) {
    return fail(error, scamguard::ErrorCode::kInvalidInput, "call and type must not be NULL");
  }
  return guarded(error, [&] {
    std::optional<scamguard::DeviceEventType> parsed = scamguard::parse_device_event_type(type);
    if (!parsed) {
      return fail(error, scamguard::ErrorCode::kInvalidInput,
                  "unknown device event type '" + std::string(type) + "'");
    }
    return report(call->session.on_device_event({*parsed, text_or_empty(app)}), error);
  });
}

int scamguard_call_verdict(const scamguard_call* call, scamguard_verdict* out) {
  if (!call || !out) return SCAMGUARD_ERROR_INVALID_INPUT;
  const scamguard::Verdict& verdict = call->session.verdict();
  *out = {static_cast<scamguard_action>(verdict.action),
          verdict.score,
          verdict.warn_score,
          verdict.block_score,
          verdict.findings.size(),
          verdict.reason.c_str()};
  return SCAMGUARD_OK;
}

char* scamguard_call_verdict_json(const scamguard_call* call) {
  if (!call) return nullptr;
  char* out = nullptr;
  guarded(nullptr, [&] {
    out = copy_string(scamguard::to_json(call->session.verdict()));
    return static_cast<int>(SCAMGUARD_OK);
  });
  return out;
}

}  // extern "C"
