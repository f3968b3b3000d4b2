// Helpers for the embedding API tests: engines of both kinds, and unwrapping Expected values with
// the error's rendered diagnostics in the failure message.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "collat/collat.h"
#include "tests/test_support.h"

namespace collat::testing {

inline std::string Describe(const ErrorInfo& error) {
  std::string text = std::string(ErrorCodeName(error.code)) + ": " + error.message + "\n";
  for (const DiagnosticInfo& d : error.diagnostics)
    text += d.rendered;
  return text;
}

// The value of `result`, failing the test case (with the error) when there is none.
template <typename T>
T Unwrap(Expected<T> result) {
  if (!result.ok()) FAIL(Describe(result.error()));
  return std::move(result).value();
}

inline Engine MakeEngine(EngineKind kind, unsigned threads = 1, int opt_level = 2) {
  EngineOptions options;
  options.engine = kind;
  options.threads = threads;
  options.opt_level = opt_level;
  return Unwrap(Engine::Create(options));
}

}  // namespace collat::testing
