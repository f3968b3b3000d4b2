#include "compiler/load_program.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <variant>

#include <fmt/format.h>

#include "base/file_roots.h"
#include "base/read_file.h"
#include "grammar/parse.h"

namespace collat {
namespace {

namespace fs = std::filesystem;

class Loader {
 public:
  explicit Loader(FileRoots roots) : roots_(std::move(roots)) {}

  LoadedProgram Run(const std::string& path) {
    auto read = ReadSourceFile(path);
    if (auto* d = std::get_if<Diagnostic>(&read)) {
      out_.diagnostics.push_back(*d);
      out_.io_error = true;
      return std::move(out_);
    }
    Visit(std::get<SourceFilePtr>(std::move(read)), "");
    return std::move(out_);
  }

  LoadedProgram Run(const SourceFilePtr& source) {
    Visit(source, "");
    return std::move(out_);
  }

 private:
  static std::string Key(const std::string& path) {
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(path, ec);
    return ec ? path : canonical.string();
  }

  // Parses `source` and, depth first, the files it imports. `stack` holds the files being loaded,
  // so an import of one of them is a cycle.
  void Visit(const SourceFilePtr& source, const std::string& alias) {
    const std::string key = Key(source->name());
    stack_.push_back(key);
    loaded_.emplace(key, out_.files.size());
    auto parsed = grammar::Parse(source);
    for (auto& d : parsed.diagnostics)
      out_.diagnostics.push_back(std::move(d));
    const std::size_t index = out_.files.size();
    out_.files.push_back({source, std::move(parsed.file), alias});
    // Copy the imports first: Visit() appends to out_.files, which may move the AST.
    std::vector<std::pair<ast::ImportDecl, std::string>> imports;
    for (const ast::Decl& decl : out_.files[index].ast.decls) {
      if (const auto* imp = std::get_if<ast::ImportDecl>(&decl.body)) {
        imports.emplace_back(ast::ImportDecl{imp->path, imp->path_range, imp->alias},
                             imp->alias ? imp->alias->name : std::string());
      }
    }
    for (const auto& [imp, import_alias] : imports) {
      const fs::path target = fs::path(source->name()).parent_path() / imp.path;
      const std::string target_key = Key(target.string());
      if (std::find(stack_.begin(), stack_.end(), target_key) != stack_.end()) {
        Diagnostic d = MakeDiagnostic(DiagnosticKind::import_cycle, source, imp.path_range,
                                      fmt::format("import cycle: `{}` imports itself through "
                                                  "`{}`",
                                                  imp.path, source->name()));
        out_.diagnostics.push_back(std::move(d));
        continue;
      }
      if (loaded_.count(target_key) != 0) continue;  // already loaded through another import
      // Refused before it is opened: nothing of a file outside the roots is read or quoted.
      const FileRoots::Resolved resolved = roots_.Resolve(target, imp.path);
      if (!resolved.error.empty()) {
        out_.diagnostics.push_back(
            MakeDiagnostic(DiagnosticKind::import_error, source, imp.path_range, resolved.error));
        continue;
      }
      auto read = ReadResolvedSourceFile(resolved.path, target.string());
      if (auto* d = std::get_if<Diagnostic>(&read)) {
        out_.diagnostics.push_back(
            MakeDiagnostic(DiagnosticKind::import_error, source, imp.path_range, d->message));
        continue;
      }
      Visit(std::get<SourceFilePtr>(std::move(read)), import_alias);
    }
    stack_.pop_back();
  }

  FileRoots roots_;
  LoadedProgram out_;
  std::vector<std::string> stack_;
  std::map<std::string, std::size_t> loaded_;
};

}  // namespace

LoadedProgram LoadProgram(const std::string& path, const FileAccess& access) {
  return Loader(FileRoots::For(access, path)).Run(path);
}

LoadedProgram LoadProgramText(std::string_view text, const std::string& name,
                              const FileAccess& access) {
  if (text.size() > kMaxSourceBytes) {
    LoadedProgram out;
    out.diagnostics.push_back(MakeDiagnostic(DiagnosticKind::file_too_large, nullptr, {},
                                             "`" + name + "` is larger than 64 MiB"));
    out.io_error = true;
    return out;
  }
  return Loader(FileRoots::For(access, name))
      .Run(std::make_shared<const SourceFile>(name, std::string(text)));
}

namespace {

CompiledPolicy CheckProgram(LoadedProgram program, const DataTableReader& read_data,
                            const FileRoots& roots, const CheckerOptions& options) {
  CompiledPolicy out;
  out.diagnostics = std::move(program.diagnostics);
  out.io_error = program.io_error;
  if (program.files.empty() || HasErrors(out.diagnostics)) return out;
  CheckResult checked = Check(program.files, read_data, roots, options);
  for (auto& d : checked.diagnostics)
    out.diagnostics.push_back(std::move(d));
  out.policy = std::move(checked.policy);
  return out;
}

}  // namespace

CompiledPolicy CompileFile(const std::string& path, const DataTableReader& read_data,
                           const FileAccess& access, const CheckerOptions& options) {
  return CheckProgram(LoadProgram(path, access), read_data, FileRoots::For(access, path), options);
}

CompiledPolicy CompileText(std::string_view text, const std::string& name,
                           const DataTableReader& read_data, const FileAccess& access,
                           const CheckerOptions& options) {
  return CheckProgram(LoadProgramText(text, name, access), read_data, FileRoots::For(access, name),
                      options);
}

}  // namespace collat
