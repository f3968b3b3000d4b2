#include "cli/file_argument.h"

#include <cstdio>

#include <fmt/format.h>

#include "base/read_file.h"
#include "program/compile.h"

namespace collat::cli {

namespace {
FileAccess& Access() {
  static FileAccess access;
  return access;
}
}  // namespace

void SetAllowedPaths(std::vector<std::string> folders) {
  Access().allow_paths = std::move(folders);
}

const FileAccess& CommandFileAccess() {
  return Access();
}

bool IsStdin(std::string_view path) {
  return path == kStdinArgument;
}

std::variant<SourceFilePtr, Diagnostic> ReadSourceOrStdin(const std::string& path) {
  if (!IsStdin(path)) return ReadSourceFile(path);
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    text.append(buffer, n);
    if (text.size() > kMaxSourceBytes) {
      return MakeDiagnostic(
          DiagnosticKind::file_too_large, nullptr, {},
          fmt::format("`{}` is larger than {} bytes", kStdinName, kMaxSourceBytes));
    }
  }
  if (std::ferror(stdin)) {
    return MakeDiagnostic(DiagnosticKind::io_error, nullptr, {},
                          fmt::format("cannot read `{}`: read error", kStdinName));
  }
  return std::make_shared<const SourceFile>(std::string(kStdinName), std::move(text));
}

CompiledPolicy CompilePolicyArgument(const std::string& path, const CheckerOptions& options) {
  if (!IsStdin(path)) return program::CompileFile(path, Access(), options);
  auto read = ReadSourceOrStdin(path);
  if (auto* d = std::get_if<Diagnostic>(&read)) {
    CompiledPolicy failed;
    failed.diagnostics.push_back(std::move(*d));
    failed.io_error = true;
    return failed;
  }
  const SourceFilePtr& source = std::get<SourceFilePtr>(read);
  return program::CompileText(source->text(), source->name(), Access(), options);
}

program::Compiled CompileProgramArgument(const std::string& path,
                                         const program::ProgramFactory& factory,
                                         const CheckerOptions& options) {
  if (!IsStdin(path)) return factory.CompileFile(path, Access(), options);
  auto read = ReadSourceOrStdin(path);
  if (auto* d = std::get_if<Diagnostic>(&read)) {
    program::Compiled failed;
    failed.diagnostics.push_back(std::move(*d));
    failed.io_error = true;
    return failed;
  }
  const SourceFilePtr& source = std::get<SourceFilePtr>(read);
  return factory.CompileText(source->text(), source->name(), Access(), options);
}

runtime::LoadResult LoadInputArgument(const ir::Policy& policy, const std::string& path,
                                      unsigned threads) {
  const runtime::LoadOptions load{threads};
  if (!IsStdin(path)) return runtime::LoadInput(policy, path, Access(), load);
  auto read = ReadSourceOrStdin(path);
  if (auto* d = std::get_if<Diagnostic>(&read)) {
    runtime::LoadResult failed;
    failed.diagnostics.push_back(std::move(*d));
    return failed;
  }
  const SourceFilePtr& source = std::get<SourceFilePtr>(read);
  return runtime::LoadInputFromString(policy, source->text(), source->name(), "", Access(), load);
}

}  // namespace collat::cli
