// Tables from data files: the runtime's loaders (which own CSV and YAML) give the raw key
// and value text per record; each value is read as a collat literal of the table's value type,
// with the same parser and checker as a row written in the policy.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "compiler/checker.h"
#include "grammar/parse.h"

namespace collat::check_internal {

ir::ExprPtr Checker::DataValue(const std::string& text, const ir::Type& type, std::string& why) {
  if (type.kind == ir::TypeKind::Text) {
    auto c = std::make_unique<ir::Expr>();
    c->op = ir::Op::Const;
    c->type = ir::Type::Of(ir::TypeKind::Text);
    c->constant.known = true;
    c->text = text;
    return c;
  }
  auto source = std::make_shared<const SourceFile>("data", "let value = " + text + "\n");
  auto parsed = grammar::Parse(source);
  if (!parsed.diagnostics.empty() || parsed.file.decls.size() != 1) {
    why = "is not a literal";
    return nullptr;
  }
  const auto& let = std::get<ast::LetDecl>(parsed.file.decls[0].body);
  Context ctx;
  if (type.kind == ir::TypeKind::Enum) ctx.expected_enum = type.enum_id;
  Usage usage;
  const std::size_t before = diagnostics_.size();
  ir::ExprPtr v = Coerce(Expr(*let.value, ctx, usage), type);
  const bool failed = diagnostics_.size() != before;
  diagnostics_.resize(before);  // the reason is reported against the data file instead
  if (failed || v->op != ir::Op::Const || !v->constant.known || !Unify(type.Required(), v->type) ||
      (type.kind == ir::TypeKind::Money) != (v->type.kind == ir::TypeKind::Money)) {
    why = fmt::format("is not a `{}`", TypeName(type));
    return nullptr;
  }
  return v;
}

bool Checker::DataRows(const ast::TableDecl& t, ir::Table& table, std::set<std::string>& keys) {
  const std::filesystem::path path =
      std::filesystem::path(current_->source->name()).parent_path() / *t.data_file;
  const auto found = data_.find(path.string());
  if (found == data_.end()) {
    Error(DiagnosticKind::import_error, t.data_file_range,
          fmt::format("the data file `{}` was not loaded", *t.data_file));
    return false;
  }
  const DataTable& data = found->second;
  if (!data.error.empty()) {
    Error(DiagnosticKind::import_error, t.data_file_range, data.error);
    return false;
  }
  data_sources_ += fmt::format("\n# data file {}\n{}", *t.data_file, data.raw);
  bool ok = true;
  const auto fail = [&](const DataRow& row, const std::string& message) {
    Error(DiagnosticKind::import_error, t.data_file_range,
          fmt::format("{}:{}: {}", path.string(), row.line, message));
    ok = false;
  };
  for (const DataRow& row : data.rows) {
    ir::TableRow out;
    out.key_text = row.key;
    if (table.key_type.kind == ir::TypeKind::Enum) {
      const ir::EnumInfo& info = policy_.enums[static_cast<std::size_t>(table.key_type.enum_id)];
      const auto it = std::find(info.labels.begin(), info.labels.end(), row.key);
      if (it == info.labels.end()) {
        fail(row, fmt::format("key `{}` is not a label of enum `{}`", row.key, info.name));
        continue;
      }
      out.key = ir::Value::Integer(info.Rank(static_cast<std::size_t>(it - info.labels.begin())));
    }
    if (!keys.insert(row.key).second) {
      fail(row, fmt::format("key `{}` appears twice", row.key));
      continue;
    }
    std::string why;
    out.value = DataValue(row.value, table.value_type, why);
    if (!out.value) {
      fail(row, fmt::format("the value of `{}`, `{}`, {}", row.key, row.value, why));
      continue;
    }
    table.rows.push_back(std::move(out));
  }
  return ok;
}

}  // namespace collat::check_internal
