/// @file error.h
/// Expected failures are values, never exceptions across the public API.
///
///   scamguard::Result<scamguard::Engine> engine = scamguard::Engine::load(options);
///   if (!engine) {
///     std::cerr << engine.error().message << "\n";   // names what and where
///     return 2;
///   }
///
/// A `Result<T>` holds either a `T` or an `Error`. `Status` is `Result<void>`.
/// The shape follows `std::expected` (C++23) so the type can be swapped for it later.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "scamguard/export.h"

namespace scamguard {

/// Stable values: they appear in JSON, logs and exit codes.
enum class ErrorCode : uint16_t {
  kOk = 0,
  kInvalidInput = 1,  ///< malformed event, unparsable number, bad JSON
  kConfig = 2,        ///< configuration does not validate
  kModelFormat = 3,   ///< wrong magic or newer version in a model file
  kUnavailable = 4,   ///< a backend cannot be reached; retrying may help
  kSessionInUse = 5,  ///< a CallSession used from two threads at once
  kCancelled = 6,
  kNotFound = 7,   ///< a named file, call or record does not exist
  kConflict = 8,   ///< someone else changed it first (another node); re-read and retry
  kInternal = 99,  ///< a bug in scamguard; please report it
};

/// The lower-case wire name of a code, e.g. "invalid_input".
SCAMGUARD_API std::string_view error_code_name(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  ///< one sentence, lower case, no trailing period; names what and where
};

/// Wraps an Error so that `return Unexpected{...}` reads like std::unexpected.
struct Unexpected {
  Error error;
};

inline Unexpected make_error(ErrorCode code, std::string message) {
  return Unexpected{Error{code, std::move(message)}};
}

/// A value or an Error. Accessing the wrong alternative is a programmer error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Unexpected failure) : data_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT

  bool has_value() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected failure) : error_(std::move(failure.error)), ok_(false) {}  // NOLINT

  bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const Error& error() const& { return error_; }

 private:
  Error error_{ErrorCode::kOk, {}};
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace scamguard
