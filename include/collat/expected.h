// collat's public error channel: Expected<T> holds a value or an ErrorInfo. Every fallible call of
// the embedding API returns one; the API never exits, aborts or lets an exception escape (out of
// memory included: it comes back as ErrorCode::Internal).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "collat/diagnostic.h"

namespace collat {

enum class ErrorCode {
  InvalidArgument,  // a bad option or argument (opt_level 7, threads 0, a column of wrong length)
  Io,               // a file could not be read
  Compile,          // the policy has errors: see ErrorInfo::diagnostics
  Input,            // the input cannot be evaluated (file-level problems): see diagnostics
  Schema,           // an Input built for a policy whose schema differs from this one
  Jit,              // the JIT could not start or compile (an engine failure, not a policy error)
  Internal,         // out of memory, or an unexpected exception inside the engine
};

// "invalid_argument", "io", "compile", "input", "schema", "jit" or "internal".
const char* ErrorCodeName(ErrorCode code);

struct ErrorInfo {
  ErrorCode code = ErrorCode::Internal;
  std::string message;                      // one line, lower-case
  std::vector<DiagnosticInfo> diagnostics;  // located problems, in a deterministic order
};

// A value or an ErrorInfo. Accessing value() of an error (or error() of a value) is a precondition
// violation (std::bad_variant_access), like std::expected.
template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Expected(ErrorInfo error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const ErrorInfo& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, ErrorInfo> state_;
};

}  // namespace collat
