#include "compiler/load_program.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
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
  explicit Loader(const SourceProvider& sources) : sources_(sources) {}

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
    // Data files are read in the same pass, in written order, so diagnostics come in source order.
    struct Named {
      ast::ImportDecl imp;
      std::string alias;
      bool data_file = false;  // a table's data file at imp.path, not an import
    };
    std::vector<Named> named;
    for (const ast::Decl& decl : out_.files[index].ast.decls) {
      if (const auto* imp = std::get_if<ast::ImportDecl>(&decl.body)) {
        named.push_back({ast::ImportDecl{imp->path, imp->path_range, imp->alias},
                         imp->alias ? imp->alias->name : std::string(), false});
      } else if (const auto* table = std::get_if<ast::TableDecl>(&decl.body)) {
        if (table->data_file)
          named.push_back(
              {ast::ImportDecl{*table->data_file, table->data_file_range, {}}, "", true});
      }
    }
    for (const auto& [imp, import_alias, data_file] : named) {
      if (data_file) {
        ReadDataFile(source, imp.path, imp.path_range);
        continue;
      }
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
      auto read = sources_.Read(target, imp.path);
      if (auto* error = std::get_if<std::string>(&read)) {
        out_.diagnostics.push_back(
            MakeDiagnostic(DiagnosticKind::import_error, source, imp.path_range, *error));
        continue;
      }
      Visit(std::get<SourceFilePtr>(std::move(read)), import_alias);
    }
    stack_.pop_back();
  }

  // Reads the data file a table of `source` names, once however many tables name it.
  void ReadDataFile(const SourceFilePtr& source, const std::string& written,
                    const SourceRange& range) {
    const fs::path target = fs::path(source->name()).parent_path() / written;
    if (!data_read_.insert(target.string()).second) return;
    auto read = sources_.Read(target, written);
    if (auto* error = std::get_if<std::string>(&read)) {
      out_.diagnostics.push_back(
          MakeDiagnostic(DiagnosticKind::import_error, source, range, *error));
      return;
    }
    out_.data_files.push_back(std::get<SourceFilePtr>(std::move(read)));
  }

  const SourceProvider& sources_;
  LoadedProgram out_;
  std::vector<std::string> stack_;
  std::map<std::string, std::size_t> loaded_;
  std::set<std::string> data_read_;
};

}  // namespace

LoadedProgram LoadProgram(const std::string& path, const FileAccess& access) {
  const FileSources sources(FileRoots::For(access, path));
  return Loader(sources).Run(path);
}

LoadedProgram LoadProgramText(std::string_view text, const std::string& name,
                              const FileAccess& access) {
  const FileSources sources(FileRoots::For(access, name));
  return LoadProgramFrom(std::make_shared<const SourceFile>(name, std::string(text)), sources);
}

LoadedProgram LoadProgramFrom(const SourceFilePtr& policy, const SourceProvider& sources) {
  if (policy->text().size() > kMaxSourceBytes) {
    LoadedProgram out;
    out.diagnostics.push_back(MakeDiagnostic(DiagnosticKind::file_too_large, nullptr, {},
                                             "`" + policy->name() + "` is larger than 64 MiB"));
    out.io_error = true;
    return out;
  }
  return Loader(sources).Run(policy);
}

}  // namespace collat
