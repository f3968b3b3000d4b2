#include "program/compile.h"

#include <utility>

#include "runtime/load_data_table.h"

namespace collat::program {

CompiledPolicy CompileLoaded(LoadedProgram loaded, const CheckerOptions& options) {
  CompiledPolicy out;
  out.diagnostics = std::move(loaded.diagnostics);
  out.io_error = loaded.io_error;
  if (loaded.files.empty() || HasErrors(out.diagnostics)) return out;
  const DataTables data = runtime::ParseDataTables(loaded.data_files);
  CheckResult checked = Check(loaded.files, data, options);
  for (auto& d : checked.diagnostics)
    out.diagnostics.push_back(std::move(d));
  out.policy = std::move(checked.policy);
  return out;
}

CompiledPolicy CompileFile(const std::string& path, const FileAccess& access,
                           const CheckerOptions& options) {
  return CompileLoaded(LoadProgram(path, access), options);
}

CompiledPolicy CompileText(std::string_view text, const std::string& name, const FileAccess& access,
                           const CheckerOptions& options) {
  return CompileLoaded(LoadProgramText(text, name, access), options);
}

CompiledPolicy CompileSources(const SourceFilePtr& policy, const SourceProvider& sources,
                              const CheckerOptions& options) {
  return CompileLoaded(LoadProgramFrom(policy, sources), options);
}

}  // namespace collat::program
