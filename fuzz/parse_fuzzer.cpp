// libFuzzer target for the parser and the formatter. Any input must parse without crashing; an
// input that parses must format, the formatted text must parse to the same AST, and formatting it
// again must change nothing. A broken property aborts, so the fuzzer reports it as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "grammar/ast_dump.h"
#include "grammar/format.h"
#include "grammar/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace collat;
  auto source = std::make_shared<const SourceFile>(
      "fuzz.collat", std::string(reinterpret_cast<const char*>(data), size));
  const auto parsed = grammar::Parse(source);
  if (HasErrors(parsed.diagnostics)) return 0;
  const std::string once = grammar::Format(*source, parsed.file);
  auto formatted = std::make_shared<const SourceFile>("fuzz.collat", once);
  const auto reparsed = grammar::Parse(formatted);
  if (HasErrors(reparsed.diagnostics)) {
    std::fprintf(stderr, "formatted text does not parse:\n%s\n", once.c_str());
    std::abort();
  }
  if (grammar::DumpAst(*source, parsed.file, {.ranges = false}) !=
      grammar::DumpAst(*formatted, reparsed.file, {.ranges = false})) {
    std::fprintf(stderr, "formatting changed the AST:\n%s\n", once.c_str());
    std::abort();
  }
  if (grammar::Format(*formatted, reparsed.file) != once) {
    std::fprintf(stderr, "formatting is not idempotent:\n%s\n", once.c_str());
    std::abort();
  }
  return 0;
}
