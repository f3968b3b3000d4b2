#include "api/compile_source.h"

#include <filesystem>
#include <memory>
#include <set>
#include <utility>
#include <variant>

#include "base/read_file.h"
#include "grammar/parse.h"

namespace collat::api {
namespace {

namespace fs = std::filesystem;

std::string Key(const std::string& path) {
  std::error_code ec;
  const auto canonical = fs::weakly_canonical(path, ec);
  return ec ? path : canonical.string();
}

// Appends the files of each of `root`'s imports (LoadProgram loads an import and, transitively,
// its own imports), skipping files already loaded. An import that cannot be read is an
// `import_error` on its `import` line, as for a policy file.
void LoadImports(const ParsedFile& root, std::vector<ParsedFile>& files,
                 std::vector<Diagnostic>& diagnostics) {
  std::set<std::string> loaded = {Key(root.source->name())};
  std::vector<std::pair<ast::ImportDecl, std::string>> imports;
  for (const ast::Decl& decl : root.ast.decls) {
    if (const auto* imp = std::get_if<ast::ImportDecl>(&decl.body)) {
      imports.emplace_back(ast::ImportDecl{imp->path, imp->path_range, imp->alias},
                           imp->alias ? imp->alias->name : std::string());
    }
  }
  for (const auto& [imp, alias] : imports) {
    const fs::path target = fs::path(root.source->name()).parent_path() / imp.path;
    if (loaded.count(Key(target.string())) != 0) {
      if (Key(target.string()) == Key(root.source->name())) {
        diagnostics.push_back(MakeDiagnostic(DiagnosticKind::import_cycle, root.source,
                                             imp.path_range,
                                             "import cycle: `" + imp.path + "` imports itself"));
      }
      continue;
    }
    LoadedProgram program = LoadProgram(target.string());
    if (program.io_error) {
      for (const Diagnostic& d : program.diagnostics) {
        diagnostics.push_back(
            MakeDiagnostic(DiagnosticKind::import_error, root.source, imp.path_range, d.message));
      }
      continue;
    }
    for (Diagnostic& d : program.diagnostics)
      diagnostics.push_back(std::move(d));
    for (std::size_t i = 0; i < program.files.size(); ++i) {
      ParsedFile& file = program.files[i];
      if (!loaded.insert(Key(file.source->name())).second) continue;
      if (i == 0) file.import_alias = alias;
      files.push_back(std::move(file));
    }
  }
}

}  // namespace

CompiledPolicy CompileText(std::string_view text, const std::string& virtual_name,
                           const DataTableReader& read_data) {
  CompiledPolicy out;
  auto source = std::make_shared<const SourceFile>(virtual_name, std::string(text));
  if (source->text().size() > kMaxSourceBytes) {
    out.diagnostics.push_back(MakeDiagnostic(DiagnosticKind::file_too_large, nullptr, {},
                                             "`" + virtual_name + "` is larger than 64 MiB"));
    out.io_error = true;
    return out;
  }
  grammar::ParseResult parsed = grammar::Parse(source);
  std::vector<ParsedFile> files;
  files.push_back({source, std::move(parsed.file), ""});
  out.diagnostics = std::move(parsed.diagnostics);
  LoadImports(files[0], files, out.diagnostics);
  if (HasErrors(out.diagnostics)) return out;
  CheckResult checked = Check(files, read_data);
  for (auto& d : checked.diagnostics)
    out.diagnostics.push_back(std::move(d));
  out.policy = std::move(checked.policy);
  return out;
}

}  // namespace collat::api
