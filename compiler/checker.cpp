// The checker's declaration passes: collect names, then check the header, enums, schemas, tables,
// functions, rules, haircut components, tiers, limits, outputs and rebalance rules in that order.
#include "compiler/checker.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "base/money.h"
#include "compiler/number_texts.h"
#include "compiler/policy_hash.h"
#include "grammar/format.h"

namespace collat::check_internal {
namespace {

using ir::Op;
using ir::Type;
using ir::TypeKind;

template <typename T>
const T* As(const ast::Decl& d) {
  return std::get_if<T>(&d.body);
}

}  // namespace

void Checker::Error(DiagnosticKind kind, SourceRange range, std::string message) {
  diagnostics_.push_back(MakeDiagnostic(kind, current_->source, range, std::move(message)));
}

std::optional<std::int64_t> Checker::Effective(const std::optional<ast::Date>& d) const {
  if (!d) return std::nullopt;
  return ir::DaysFromCivil(d->year, d->month, d->day);
}

std::optional<Type> Checker::ResolveType(const ast::TypeRef& t) {
  std::string name = t.name;
  if (const auto dot = name.find('.');
      dot != std::string::npos && aliases_.count(name.substr(0, dot)) != 0) {
    name = name.substr(dot + 1);
  }
  static const std::map<std::string, TypeKind> kBuiltin = {
      {"number", TypeKind::Number},    {"percent", TypeKind::Percent}, {"money", TypeKind::Money},
      {"bool", TypeKind::Bool},        {"text", TypeKind::Text},       {"date", TypeKind::Date},
      {"duration", TypeKind::Duration}};
  if (const auto it = kBuiltin.find(name); it != kBuiltin.end()) {
    return Type::Of(it->second, t.optional);
  }
  if (const auto it = enum_ids_.find(name); it != enum_ids_.end()) {
    return Type::EnumOf(it->second, t.optional);
  }
  std::vector<std::string> names = {"number", "percent", "money",   "bool",
                                    "text",   "date",    "duration"};
  for (const auto& e : enum_ids_)
    names.push_back(e.first);
  Error(DiagnosticKind::unknown_type, t.range,
        fmt::format("unknown type `{}`{}", name, SuggestName(name, names)));
  return std::nullopt;
}

void Checker::Declare(const std::string& name, const std::string& kind, SourceRange range) {
  const auto [it, inserted] = declared_.emplace(name, DeclaredName{kind, range, current_});
  if (inserted) return;
  Diagnostic d =
      MakeDiagnostic(DiagnosticKind::duplicate_name, current_->source, range,
                     fmt::format("`{}` is already declared (as a {})", name, it->second.kind));
  d.notes.push_back({it->second.file->source, it->second.range, "declared here"});
  diagnostics_.push_back(std::move(d));
}

std::vector<std::string> Checker::VisibleNames(const Context& ctx) const {
  std::vector<std::string> out;
  for (const auto& l : lets_)
    out.push_back(l.first);
  if (ctx.position) {
    for (const auto& f : policy_.position_fields)
      out.push_back(f.name);
  }
  for (const auto& f : policy_.account_fields)
    out.push_back(f.name);
  for (const auto& f : policy_.market_fields)
    out.push_back(f.name);
  for (const auto& l : labels_)
    out.push_back(l.first);
  out.insert(out.end(), {"valuation_date", "base_currency"});
  if (ctx.account) {
    out.insert(out.end(), {"gross_value", "eligible_value", "haircut_value", "concentration_excess",
                           "collateral_value"});
    for (const auto& o : outputs_)
      out.push_back(o.first);
  }
  if (ctx.in_aggregate)
    out.insert(out.end(), {"eligible", "adjusted_value", "excess", "counted_value"});
  return out;
}

// Checks a `let` on first use (so lets may be declared in any order); detects cycles.
std::int32_t Checker::LetIndex(const std::string& name, SourceRange at, Usage& usage) {
  LetState& state = lets_.at(name);
  state.used = true;
  if (state.index >= 0) {
    usage = state.usage;
    return state.index;
  }
  if (state.in_progress) {
    Error(DiagnosticKind::recursive_function, at,
          fmt::format("`{}` is defined in terms of itself", name));
    return -1;
  }
  state.in_progress = true;
  const ParsedFile* saved = current_;
  current_ = state.file;
  Context ctx;
  ctx.position = true;
  ctx.account = true;
  ctx.outputs_visible = 0;
  Usage let_usage;
  ir::ExprPtr value = Expr(*state.decl->value, ctx, let_usage);
  if (let_usage.position && let_usage.account_only && value->type.kind != TypeKind::Error) {
    Error(DiagnosticKind::wrong_context, state.decl->value->range,
          fmt::format("`{}` mixes per-position values with account totals or outputs; compute "
                      "the account part in an output or an aggregate",
                      name));
    value->type = Type{};
  }
  if (state.decl->type && value->type.kind != TypeKind::Error) {
    if (const auto want = ResolveType(*state.decl->type)) {
      value = Coerce(std::move(value), *want);
      if (!Unify(want->Required(), value->type.Required())) {
        Error(DiagnosticKind::type_mismatch, state.decl->value->range,
              fmt::format("`{}` is declared `{}` but its value is a `{}`", name, TypeName(*want),
                          TypeName(value->type)));
      }
    }
  }
  current_ = saved;
  state.in_progress = false;
  if (value->type.kind == TypeKind::Error) return -1;
  ir::Let let;
  let.name = name;
  let.type = value->type;
  let.level = let_usage.position ? ir::Level::Position : ir::Level::Account;
  let.value = std::move(value);
  state.index = static_cast<std::int32_t>(policy_.lets.size());
  state.usage = let_usage;
  policy_.lets.push_back(std::move(let));
  usage = let_usage;
  return state.index;
}

void Checker::Collect() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    if (!file.import_alias.empty()) aliases_.insert(file.import_alias);
    std::map<std::string, std::set<std::int64_t>> versions;
    const auto versioned = [&](const std::string& id, const std::string& kind, SourceRange range,
                               const std::optional<ast::Date>& effective) {
      // Declarations sharing an id are versions; each needs its own effective date.
      const auto key = effective ? *Effective(effective) : std::numeric_limits<std::int64_t>::min();
      auto& seen = versions[kind + ":" + id];
      if (seen.empty()) {
        Declare(id, kind, range);
      } else if (!seen.insert(key).second || !effective) {
        Error(DiagnosticKind::duplicate_name, range,
              fmt::format("`{}` is already declared; a second version needs its own `effective` "
                          "date",
                          id));
      }
      seen.insert(key);
    };
    for (const ast::Decl& decl : file.ast.decls) {
      if (const auto* p = As<ast::PolicyDecl>(decl)) {
        if (&file != &files_.front()) {
          Error(DiagnosticKind::import_error, decl.range,
                "an imported module has no `policy` header (only the policy file does)");
        } else if (header_) {
          Error(DiagnosticKind::duplicate_name, decl.range, "a policy has one `policy` header");
        } else {
          header_ = p;
        }
      } else if (const auto* e = As<ast::EnumDecl>(decl)) {
        Declare(e->name.name, "enum", e->name.range);
      } else if (const auto* l = As<ast::LetDecl>(decl)) {
        Declare(l->name.name, "let", l->name.range);
        lets_[l->name.name] = {l, &file, -1, false, false, {}};
      } else if (const auto* f = As<ast::FnDecl>(decl)) {
        Declare(f->name.name, "function", f->name.range);
        fns_[f->name.name] = {f, &file, false};
      } else if (const auto* t = As<ast::TableDecl>(decl)) {
        versioned(t->name.name, "table", t->name.range, t->effective);
      } else if (const auto* el = As<ast::EligibilityDecl>(decl)) {
        for (const auto& rule : el->rules)
          versioned(rule.id.name, "rule", rule.id.range, rule.effective);
      } else if (const auto* h = As<ast::HaircutDecl>(decl)) {
        versioned(h->name.name, "component", h->name.range, h->effective);
      } else if (const auto* ti = As<ast::TiersDecl>(decl)) {
        versioned(ti->name.name, "tiers", ti->name.range, ti->effective);
      } else if (const auto* li = As<ast::LimitDecl>(decl)) {
        versioned(li->name.name, "limit", li->name.range, li->effective);
      } else if (const auto* o = As<ast::OutputDecl>(decl)) {
        Declare(o->name.name, "output", o->name.range);
      } else if (const auto* r = As<ast::RebalanceDecl>(decl)) {
        Declare(r->name.name, "rebalance rule", r->name.range);
      }
    }
  }
  current_ = &files_.front();
}

void Checker::CheckHeader() {
  current_ = &files_.front();
  if (!header_) {
    Error(DiagnosticKind::missing_policy_header, {0, 0},
          "a policy file starts with a `policy name { ... }` header (version, currency, ...)");
    return;
  }
  ir::Header& h = policy_.header;
  h.name = header_->name.name;
  h.title = header_->title.value_or("");
  std::set<ast::HeaderItemKind> seen;
  const ast::HeaderItem* precision = nullptr;
  for (const ast::HeaderItem& item : header_->items) {
    if (item.kind != ast::HeaderItemKind::Source && !seen.insert(item.kind).second) {
      Error(DiagnosticKind::duplicate_name, item.range,
            fmt::format("the header has more than one `{}`", ast::Spelling(item.kind)));
      continue;
    }
    switch (item.kind) {
      case ast::HeaderItemKind::Version:
        h.version = item.text;
        break;
      case ast::HeaderItemKind::Effective:
        h.effective = ir::DaysFromCivil(item.date.year, item.date.month, item.date.day);
        break;
      case ast::HeaderItemKind::Currency:
        h.currency = item.text;
        break;
      case ast::HeaderItemKind::Owner:
        h.owner = item.text;
        break;
      case ast::HeaderItemKind::Source:
        h.sources.push_back(item.text);
        break;
      case ast::HeaderItemKind::Precision:
        precision = &item;
        break;
    }
  }
  if (h.currency.empty()) {
    Error(DiagnosticKind::missing_policy_header, header_->name.range,
          "the policy header needs its base currency: `currency USD`");
  }
  h.money = money::Scale(money::MinorUnit(h.currency));
  if (precision != nullptr) {
    const std::string& text = precision->text;
    const bool digit = text.size() == 1 && text[0] >= '0' && text[0] <= '9';
    if (digit && text[0] - '0' <= money::kMaxPlaces) {
      h.money = money::Scale(text[0] - '0');
    } else {
      Error(DiagnosticKind::invalid_precision, precision->range,
            fmt::format("`precision` is the number of decimal places of money, a whole number "
                        "from 0 to {}, not `{}`",
                        money::kMaxPlaces, text));
    }
  }
}

void Checker::CheckEnums() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* e = As<ast::EnumDecl>(decl);
      if (!e || enum_ids_.count(e->name.name) != 0) continue;
      ir::EnumInfo info;
      info.name = e->name.name;
      info.ordered = e->ordered;
      const auto id = static_cast<std::int32_t>(policy_.enums.size());
      for (std::size_t i = 0; i < e->labels.size(); ++i) {
        const std::string& label = e->labels[i].name;
        if (std::find(info.labels.begin(), info.labels.end(), label) != info.labels.end()) {
          Error(DiagnosticKind::duplicate_name, e->labels[i].range,
                fmt::format("enum `{}` lists `{}` twice", info.name, label));
          continue;
        }
        labels_[label].emplace_back(id, info.labels.size());
        info.labels.push_back(label);
      }
      enum_ids_[info.name] = id;
      policy_.enums.push_back(std::move(info));
    }
  }
}

void Checker::CheckSchemas() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* s = As<ast::SchemaDecl>(decl);
      if (!s) continue;
      auto& fields = s->kind == ast::SchemaKind::Position  ? policy_.position_fields
                     : s->kind == ast::SchemaKind::Account ? policy_.account_fields
                                                           : policy_.market_fields;
      for (const ast::FieldDecl& f : s->fields) {
        const auto existing = std::find_if(fields.begin(), fields.end(), [&](const ir::Field& x) {
          return x.name == f.name.name;
        });
        if (existing != fields.end()) {
          Error(DiagnosticKind::duplicate_name, f.name.range,
                fmt::format("the {} schema already has a field `{}`", ast::Spelling(s->kind),
                            f.name.name));
          continue;
        }
        if (f.name.name == "id" && s->kind != ast::SchemaKind::Market) {
          Error(DiagnosticKind::duplicate_name, f.name.range,
                "`id` is built in: every position and account has one; do not declare it");
          continue;
        }
        const auto type = ResolveType(f.type);
        if (!type) continue;
        ir::Field field;
        field.name = f.name.name;
        field.type = *type;
        field.description = f.description.value_or("");
        field.range = f.range;
        if (f.default_value) {
          Context ctx;
          if (type->kind == TypeKind::Enum) ctx.expected_enum = type->enum_id;
          Usage usage;
          ir::ExprPtr v = Coerce(Expr(*f.default_value, ctx, usage), *type);
          if (v->type.kind != TypeKind::Error) {
            if (v->op != Op::Const) {
              Error(DiagnosticKind::not_constant, f.default_value->range,
                    "a default value is a constant");
            } else if (!Unify(type->Required(), v->type) ||
                       (type->kind == TypeKind::Money) != (v->type.kind == TypeKind::Money)) {
              Error(DiagnosticKind::type_mismatch, f.default_value->range,
                    fmt::format("field `{}` is a `{}`, but its default is a `{}`", f.name.name,
                                TypeName(*type), TypeName(v->type)));
            } else {
              field.default_value = v->constant;
              field.default_text = v->text;
            }
          }
        }
        fields.push_back(std::move(field));
      }
    }
  }
  current_ = &files_.front();
  const auto mv = policy_.FindPositionField("market_value");
  if (mv < 0 ||
      policy_.position_fields[static_cast<std::size_t>(mv)].type.kind != TypeKind::Money) {
    Error(DiagnosticKind::unknown_name, header_ ? header_->name.range : SourceRange{},
          "the position schema needs a `market_value: money` field (what each position is worth)");
  }
}

void Checker::CheckTables() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* t = As<ast::TableDecl>(decl);
      if (!t) continue;
      const auto key = ResolveType(t->key_type);
      const auto value = ResolveType(t->value_type);
      if (!key || !value) continue;
      if ((key->kind != TypeKind::Text && key->kind != TypeKind::Enum) || key->optional) {
        Error(DiagnosticKind::type_mismatch, t->key_type.range,
              "a table is keyed by `text` or by an enum");
        continue;
      }
      ir::Table table;
      table.name = t->name.name;
      table.effective = Effective(t->effective);
      table.key_type = *key;
      table.value_type = *value;
      std::set<std::string> keys;
      if (t->data_file) {
        // Registered even when the file has errors (they are reported), so the rules that read
        // the table do not add a misleading "unknown table".
        DataRows(*t, table, keys);
        if (tables_.count(table.name) == 0) {
          tables_[table.name] = static_cast<std::int32_t>(policy_.tables.size());
        }
        policy_.tables.push_back(std::move(table));
        continue;
      }
      for (const ast::TableRow& row : t->rows) {
        Context ctx;
        if (value->kind == TypeKind::Enum) ctx.expected_enum = value->enum_id;
        Usage usage;
        ir::ExprPtr v = Coerce(Expr(*row.value, ctx, usage), *value);
        if (v->type.kind == TypeKind::Error) continue;
        if (v->op != Op::Const) {
          Error(DiagnosticKind::not_constant, row.value->range,
                "a table row's value is a constant");
          continue;
        }
        if (!Unify(value->Required(), v->type) ||
            (value->kind == TypeKind::Money) != (v->type.kind == TypeKind::Money)) {
          Error(DiagnosticKind::type_mismatch, row.value->range,
                fmt::format("table `{}` holds `{}` values, not `{}`", table.name, TypeName(*value),
                            TypeName(v->type)));
          continue;
        }
        if (row.key_kind == ast::TableKeyKind::Else) {
          table.fallback = std::move(v);
          continue;
        }
        if (!keys.insert(row.key).second) {
          Error(DiagnosticKind::duplicate_name, row.key_range,
                fmt::format("table `{}` has two rows for `{}`", table.name, row.key));
          continue;
        }
        ir::TableRow out;
        if (key->kind == TypeKind::Text) {
          if (row.key_kind != ast::TableKeyKind::String) {
            Error(DiagnosticKind::type_mismatch, row.key_range,
                  "this table is keyed by text: write the key in double quotes");
            continue;
          }
          out.key_text = row.key;
        } else {
          const ir::EnumInfo& info = policy_.enums[static_cast<std::size_t>(key->enum_id)];
          const auto it = std::find(info.labels.begin(), info.labels.end(), row.key);
          if (row.key_kind != ast::TableKeyKind::Label || it == info.labels.end()) {
            Error(DiagnosticKind::unknown_name, row.key_range,
                  fmt::format("`{}` is not a label of enum `{}`", row.key, info.name));
            continue;
          }
          out.key =
              ir::Value::Integer(info.Rank(static_cast<std::size_t>(it - info.labels.begin())));
          out.key_text = row.key;
        }
        out.value = std::move(v);
        table.rows.push_back(std::move(out));
      }
      if (tables_.count(table.name) == 0) {
        tables_[table.name] = static_cast<std::int32_t>(policy_.tables.size());
      }
      policy_.tables.push_back(std::move(table));
    }
  }
}

void Checker::CheckRules() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* el = As<ast::EligibilityDecl>(decl);
      if (!el) continue;
      for (const ast::EligibilityRule& rule : el->rules) {
        Context ctx;
        ctx.position = true;
        Usage usage;
        ir::ExprPtr cond = Expr(*rule.condition, ctx, usage);
        if (cond->type.kind == TypeKind::Error ||
            !ExpectBool(*cond, rule.condition->range, "a rule's condition")) {
          continue;
        }
        ir::Rule out;
        out.id = rule.id.name;
        out.verb = rule.verb == ast::RuleVerb::Accept ? ir::Verb::Accept : ir::Verb::Reject;
        out.effective = Effective(rule.effective);
        out.condition = std::move(cond);
        out.reason = rule.reason.value_or("");
        out.source = grammar::FormatExpr(*rule.condition);
        policy_.rules.push_back(std::move(out));
      }
    }
  }
}

void Checker::CheckComponents() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* h = As<ast::HaircutDecl>(decl);
      if (!h) continue;
      Context ctx;
      ctx.position = true;
      Usage usage;
      ir::ExprPtr value = Expr(*h->value, ctx, usage);
      if (value->type.kind == TypeKind::Error) continue;
      const bool margin = h->kind == ast::ComponentKind::Margin;
      if (!value->type.IsNumeric() || value->type.kind == TypeKind::Money) {
        Error(DiagnosticKind::type_mismatch, h->value->range,
              fmt::format("a {} is a {}, not a `{}`", margin ? "margin" : "haircut",
                          margin ? "ratio such as `150%`" : "rate such as `15%`",
                          TypeName(value->type)));
        continue;
      }
      const Interval range = RangeOf(*value, policy_);
      if (!margin && (range.lo < 0 || range.hi > 1)) {
        Error(DiagnosticKind::haircut_out_of_range, h->value->range,
              fmt::format("haircut `{}` can leave [0%, 100%] (its values lie in [{}, {}]); bound "
                          "it, e.g. with `min(max(x, 0%), 100%)`",
                          h->name.name, range.lo, range.hi));
        continue;
      }
      if (margin && range.lo < 1) {
        Error(DiagnosticKind::haircut_out_of_range, h->value->range,
              fmt::format("margin `{}` can fall below 100% (its values lie in [{}, {}])",
                          h->name.name, range.lo, range.hi));
        continue;
      }
      // Unlabelled match arms are named after the component in reports.
      if (value->op == Op::Match) {
        for (std::size_t i = 0; i < value->arms.size(); ++i) {
          if (value->arms[i].label.empty()) {
            value->arms[i].label = fmt::format("{}#{}", h->name.name, i + 1);
          }
        }
      }
      ir::Component c;
      c.id = h->name.name;
      c.kind = margin ? ir::ComponentKind::Margin : ir::ComponentKind::Haircut;
      c.effective = Effective(h->effective);
      c.value = std::move(value);
      c.reason = h->reason.value_or("");
      c.source = grammar::FormatExpr(*h->value);
      policy_.components.push_back(std::move(c));
    }
  }
}

void Checker::CheckTiers() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* t = As<ast::TiersDecl>(decl);
      if (!t) continue;
      ir::Tiers out;
      out.id = t->name.name;
      out.title = t->title.value_or("");
      out.effective = Effective(t->effective);
      bool ok = true;
      std::set<ast::TiersItemKind> seen;
      bool measure_given = false;
      bool mode_given = false;
      std::optional<double> previous;
      for (const ast::TiersItem& item : t->items) {
        if (item.kind != ast::TiersItemKind::Band && !seen.insert(item.kind).second) {
          Error(DiagnosticKind::invalid_tiers, item.range, "this tiers item is given twice");
          ok = false;
          continue;
        }
        Context ctx;
        ctx.position = true;
        Usage usage;
        switch (item.kind) {
          case ast::TiersItemKind::When:
            out.when = Expr(*item.expr, ctx, usage);
            if (out.when->type.kind == TypeKind::Error ||
                !ExpectBool(*out.when, item.expr->range, "`when`")) {
              ok = false;
            }
            break;
          case ast::TiersItemKind::GroupBy:
            out.group_by = Expr(*item.expr, ctx, usage);
            if (out.group_by->type.kind == TypeKind::Error) ok = false;
            break;
          case ast::TiersItemKind::On:
            measure_given = true;
            out.measure =
                item.word.name == "quantity" ? ir::TierMeasure::Quantity : ir::TierMeasure::Value;
            if (out.measure == ir::TierMeasure::Quantity) {
              const auto q = policy_.FindPositionField("quantity");
              if (q < 0 || !policy_.position_fields[static_cast<std::size_t>(q)].type.IsNumeric()) {
                Error(DiagnosticKind::invalid_tiers, item.range,
                      "`on quantity` needs a numeric `quantity` field in the position schema");
                ok = false;
              }
            }
            break;
          case ast::TiersItemKind::Mode:
            mode_given = true;
            out.mode =
                item.word.name == "progressive" ? ir::TierMode::Progressive : ir::TierMode::Whole;
            break;
          case ast::TiersItemKind::Band: {
            ir::TierBand band;
            band.op = item.band.op == ast::BandOp::Lt   ? ir::BandOp::Lt
                      : item.band.op == ast::BandOp::Le ? ir::BandOp::Le
                                                        : ir::BandOp::Else;
            if (!out.bands.empty() && out.bands.back().op == ir::BandOp::Else) {
              Error(DiagnosticKind::invalid_tiers, item.range, "`else` must be the last band");
              ok = false;
            }
            if (item.band.bound) {
              Context const_ctx;
              ir::ExprPtr bound = Expr(*item.band.bound, const_ctx, usage);
              const bool numeric =
                  bound->op == Op::Const && bound->constant.known && bound->type.IsNumeric();
              if (!numeric) {
                if (bound->type.kind != TypeKind::Error) {
                  Error(DiagnosticKind::not_constant, item.band.bound->range,
                        "a tier bound is a constant number (or money for `on value`)");
                }
                ok = false;
                break;
              }
              if (previous && bound->constant.number <= *previous) {
                Error(DiagnosticKind::invalid_tiers, item.band.bound->range,
                      "tier bounds must ascend");
                ok = false;
              }
              previous = bound->constant.number;
              band.bound = bound->constant.number;
            }
            Context const_ctx;
            ir::ExprPtr rate = Expr(*item.band.value, const_ctx, usage);
            if (rate->op != Op::Const || !rate->constant.known || !rate->type.IsNumeric() ||
                rate->type.kind == TypeKind::Money) {
              if (rate->type.kind != TypeKind::Error) {
                Error(DiagnosticKind::not_constant, item.band.value->range,
                      "a tier rate is a constant percent");
              }
              ok = false;
              break;
            }
            const double r = rate->constant.number;
            if (r < 0 || r > 1) {
              Error(DiagnosticKind::haircut_out_of_range, item.band.value->range,
                    "a tier rate lies in [0%, 100%]");
              ok = false;
              break;
            }
            band.rate = r;
            band.keep = item.band.keep;
            out.bands.push_back(band);
            break;
          }
        }
      }
      if (!measure_given) {
        Error(DiagnosticKind::invalid_tiers, t->name.range,
              "tiers need `on quantity` or `on value`");
        ok = false;
      }
      if (!mode_given) {
        // No default: `whole` and `progressive` give different haircuts, so a forgotten mode
        // must not pick one silently.
        Error(DiagnosticKind::invalid_tiers, t->name.range,
              "tiers need `mode progressive` or `mode whole`");
        ok = false;
      }
      if (out.bands.empty() || out.bands.back().op != ir::BandOp::Else) {
        Error(DiagnosticKind::invalid_tiers, t->name.range,
              "tiers need a last `else: ...` band for amounts beyond the last bound");
        ok = false;
      }
      if (ok) policy_.tiers.push_back(std::move(out));
    }
  }
}

void Checker::CheckLimits() {
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* l = As<ast::LimitDecl>(decl);
      if (!l) continue;
      ir::Limit out;
      out.id = l->name.name;
      out.effective = Effective(l->effective);
      out.is_max = l->direction == ast::LimitDirection::Max;
      out.reason = l->reason.value_or("");
      bool ok = true;
      Context pos;
      pos.position = true;
      Usage usage;
      if (l->by) {
        out.by = Expr(*l->by, pos, usage);
        ok = ok && out.by->type.kind != TypeKind::Error;
      }
      if (l->where) {
        out.where = Expr(*l->where, pos, usage);
        ok = ok && out.where->type.kind != TypeKind::Error &&
             ExpectBool(*out.where, l->where->range, "a limit's `where`");
      }
      if (l->on) {
        const std::string& on = l->on->name;
        if (on == "value") {
          out.on = ir::LimitOn::Value;
        } else if (on == "quantity") {
          out.on = ir::LimitOn::Quantity;
          if (policy_.FindPositionField("quantity") < 0) {
            Error(DiagnosticKind::unknown_name, l->on->range,
                  "`on quantity` needs a `quantity` field in the position schema");
            ok = false;
          }
        } else if (on == "market_value") {
          out.on = ir::LimitOn::MarketValue;
        } else {
          Error(DiagnosticKind::unknown_name, l->on->range,
                fmt::format("a limit is `on value`, `on quantity` or `on market_value`, not `{}`",
                            on));
          ok = false;
        }
      }
      Context acct;
      acct.account = true;
      acct.outputs_visible = 0;
      out.amount = Expr(*l->amount, acct, usage);
      if (out.amount->type.kind == TypeKind::Error) ok = false;
      if (l->base) {
        if (l->base->kind == ast::ExprKind::Name && l->base->text == "eligible_value") {
          out.base = ir::LimitBase::EligibleValue;
        } else if (l->base->kind == ast::ExprKind::Name && l->base->text == "collateral_value") {
          out.base = ir::LimitBase::CollateralValue;
          if (out.on != ir::LimitOn::Value) {
            Error(DiagnosticKind::type_mismatch, l->base->range,
                  "a percent of `collateral_value` caps value: use it only with `on value`");
            ok = false;
          }
        } else {
          out.base = ir::LimitBase::Expression;
          out.base_expr = Expr(*l->base, acct, usage);
          if (out.base_expr->type.kind == TypeKind::Error) {
            ok = false;
          } else if (out.base_expr->type.kind != TypeKind::Money || out.base_expr->type.is_set) {
            Error(DiagnosticKind::type_mismatch, l->base->range,
                  fmt::format("a limit's base is money, not `{}`", TypeName(out.base_expr->type)));
            ok = false;
          }
        }
      }
      if (ok) {
        const TypeKind k = out.amount->type.kind;
        const bool percent = k == TypeKind::Percent;
        if (percent && out.base == ir::LimitBase::None) {
          Error(DiagnosticKind::percent_limit_without_base, l->amount->range,
                fmt::format("`{}` is a percent of what? Name its base: `of requirement`, `of "
                            "eligible_value` or `of collateral_value`",
                            grammar::FormatExpr(*l->amount)));
          ok = false;
        } else if (!percent && out.base != ir::LimitBase::None) {
          Error(DiagnosticKind::type_mismatch, l->amount->range,
                "a limit with `of` takes a percent, such as `25% of requirement`");
          ok = false;
        } else if (!percent) {
          const bool quantity_cap = out.on == ir::LimitOn::Quantity;
          const bool want_money = !quantity_cap;
          // Only a value cap is money: the literal 0 must stay a number for a quantity cap.
          if (want_money) out.amount = Coerce(std::move(out.amount), Type::Of(TypeKind::Money));
          if (want_money && out.amount->type.kind != TypeKind::Money) {
            Error(DiagnosticKind::type_mismatch, l->amount->range,
                  fmt::format("an absolute cap on value is money, such as `500_000_000 {}`; not "
                              "`{}`",
                              policy_.header.currency.empty() ? "USD" : policy_.header.currency,
                              TypeName(out.amount->type)));
            ok = false;
          } else if (quantity_cap && out.amount->type.kind != TypeKind::Number) {
            Error(DiagnosticKind::type_mismatch, l->amount->range,
                  "a cap `on quantity` is a number of units");
            ok = false;
          }
        }
      }
      if (ok) {
        if (limits_.count(out.id) == 0) {
          limits_[out.id] = static_cast<std::int32_t>(policy_.limits.size());
        }
        policy_.limits.push_back(std::move(out));
      } else if (limits_.count(out.id) == 0) {
        limits_[out.id] = -1;
      }
    }
  }
}

void Checker::CheckOutputs() {
  // Register names first, so a later output gives a clear "declared later" error.
  for (const ParsedFile& file : files_) {
    for (const ast::Decl& decl : file.ast.decls) {
      if (const auto* o = As<ast::OutputDecl>(decl)) {
        if (outputs_.count(o->name.name) == 0) {
          outputs_[o->name.name] = static_cast<std::int32_t>(outputs_.size());
        }
      }
    }
  }
  policy_.outputs.resize(outputs_.size());
  std::int32_t index = 0;
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* o = As<ast::OutputDecl>(decl);
      if (!o) continue;
      Context ctx;
      ctx.account = true;
      ctx.outputs_visible = index;
      Usage usage;
      ir::ExprPtr value = Expr(*o->value, ctx, usage);
      ir::Output& out = policy_.outputs[static_cast<std::size_t>(index)];
      out.name = o->name.name;
      out.reason = o->reason.value_or("");
      if (value->type.kind != TypeKind::Error && o->type) {
        if (const auto want = ResolveType(*o->type)) {
          value = Coerce(std::move(value), *want);
          const bool numeric_ok =
              want->IsNumeric() && value->type.IsNumeric() &&
              (want->kind == TypeKind::Money) == (value->type.kind == TypeKind::Money);
          if (!numeric_ok && !Unify(want->Required(), value->type.Required())) {
            Error(DiagnosticKind::type_mismatch, o->value->range,
                  fmt::format("output `{}` is declared `{}` but its value is a `{}`", out.name,
                              TypeName(*want), TypeName(value->type)));
          } else if (numeric_ok) {
            const bool optional = value->type.optional;
            value->type = *want;
            value->type.optional = optional;
          }
        }
      }
      if (value->type.is_set) {
        Error(DiagnosticKind::type_mismatch, o->value->range, "an output is a single value");
      }
      out.type = value->type;
      out.value = std::move(value);
      ++index;
    }
  }
}

namespace {

bool IsErrorType(const ir::Expr& e) {
  return e.type.kind == TypeKind::Error;
}

// A single value of `kind` (an optional one included), not a set.
bool IsScalar(const ir::Expr& e, TypeKind kind) {
  return e.type.kind == kind && !e.type.is_set;
}

ir::RebalanceItem ItemOf(ast::RebalanceItemKind kind) {
  switch (kind) {
    case ast::RebalanceItemKind::Target:
      return ir::RebalanceItem::Target;
    case ast::RebalanceItemKind::TopUp:
      return ir::RebalanceItem::TopUp;
    case ast::RebalanceItemKind::Substitute:
      return ir::RebalanceItem::Substitute;
    case ast::RebalanceItemKind::Release:
      return ir::RebalanceItem::Release;
    case ast::RebalanceItemKind::Liquidate:
      return ir::RebalanceItem::Liquidate;
    case ast::RebalanceItemKind::Cost:
      return ir::RebalanceItem::Cost;
    case ast::RebalanceItemKind::Lot:
      return ir::RebalanceItem::Lot;
    case ast::RebalanceItemKind::MinMove:
      return ir::RebalanceItem::MinMove;
    case ast::RebalanceItemKind::MaxMoves:
      return ir::RebalanceItem::MaxMoves;
  }
  return ir::RebalanceItem::Target;
}

}  // namespace

void Checker::CheckRebalances() {
  // Each block becomes an ir::Rebalance with every item typed in its context (docs/language.md
  // 12); rebalance/ runs them.
  for (const ParsedFile& file : files_) {
    current_ = &file;
    for (const ast::Decl& decl : file.ast.decls) {
      const auto* r = As<ast::RebalanceDecl>(decl);
      if (!r) continue;
      Context acct;
      acct.account = true;
      acct.outputs_visible = static_cast<std::int32_t>(outputs_.size());
      Context pos;
      pos.position = true;
      Usage usage;
      ir::Rebalance out;
      out.name = r->name.name;
      out.file = file.source;
      out.range = r->name.range;
      bool ok = true;
      ir::ExprPtr trigger = Expr(*r->trigger, acct, usage);
      if (trigger->type.kind != TypeKind::Error) {
        ok = ExpectBool(*trigger, r->trigger->range, "a rebalance trigger") && ok;
      } else {
        ok = false;
      }
      out.trigger = std::move(trigger);
      // A typed item, or null (already reported) when it has errors.
      auto keep = [&ok](ir::ExprPtr v, bool good) -> ir::ExprPtr {
        if (good) return v;
        ok = false;
        return nullptr;
      };
      for (const ast::RebalanceItem& item : r->items) {
        const ir::RebalanceItem kind = ItemOf(item.kind);
        bool repeated = false;
        for (const ir::Rebalance::Given& given : out.items)
          repeated = repeated || given.item == kind;
        if (repeated) {
          Error(DiagnosticKind::invalid_rebalance, item.range,
                fmt::format("`{}` is given twice in rebalance `{}`", ir::Spelling(kind), out.name));
          ok = false;
          continue;
        }
        out.items.push_back({kind, item.range});
        switch (item.kind) {
          case ast::RebalanceItemKind::Target: {
            // The collateral value to reach (money), or a condition the account must meet after
            // the moves (`health_factor >= 1.25`).
            ir::ExprPtr v = Expr(*item.expr, acct, usage);
            const bool money = IsScalar(*v, TypeKind::Money);
            const bool condition = IsScalar(*v, TypeKind::Bool);
            if (!IsErrorType(*v) && !money && !condition) {
              Error(DiagnosticKind::type_mismatch, item.expr->range,
                    fmt::format("`target` is money (the collateral value to reach) or a condition "
                                "(`bool`), not `{}`",
                                TypeName(v->type)));
            }
            out.target_is_condition = condition;
            out.target = keep(std::move(v), money || condition);
            break;
          }
          case ast::RebalanceItemKind::MinMove:
          case ast::RebalanceItemKind::Release: {
            const bool release = item.kind == ast::RebalanceItemKind::Release;
            if (release) out.release = true;
            if (!item.expr) break;  // `release` alone: down to the target
            ir::ExprPtr v = Expr(*item.expr, acct, usage);
            const bool good = IsScalar(*v, TypeKind::Money);
            if (!IsErrorType(*v) && !good) {
              Error(DiagnosticKind::type_mismatch, item.expr->range,
                    fmt::format("`{}` is an amount of money, not `{}`", ast::Spelling(item.kind),
                                TypeName(v->type)));
            }
            (release ? out.release_above : out.min_move) = keep(std::move(v), good);
            break;
          }
          case ast::RebalanceItemKind::MaxMoves: {
            ir::ExprPtr v = Expr(*item.expr, acct, usage);
            const bool good = IsScalar(*v, TypeKind::Number);
            if (!IsErrorType(*v) && !good) {
              Error(DiagnosticKind::type_mismatch, item.expr->range,
                    fmt::format("`max_moves` is a count (a number), not `{}`", TypeName(v->type)));
            }
            out.max_moves = keep(std::move(v), good);
            break;
          }
          case ast::RebalanceItemKind::Cost: {
            // A rate per unit of value moved: the total cost is the sum of cost x value moved, so
            // a cost that is already money (`market_value * rate`) would count the value twice.
            ir::ExprPtr v = Expr(*item.expr, pos, usage);
            const bool good = IsScalar(*v, TypeKind::Number) || IsScalar(*v, TypeKind::Percent);
            if (!IsErrorType(*v) && IsScalar(*v, TypeKind::Money)) {
              Error(DiagnosticKind::type_mismatch, item.expr->range,
                    "`cost` is a rate per unit of value moved (a number or percent), not money: "
                    "the cost of a move is this rate times the value moved");
            } else if (!IsErrorType(*v) && !good) {
              Error(DiagnosticKind::type_mismatch, item.expr->range,
                    fmt::format("`cost` is a rate per unit of value moved (a number or percent), "
                                "not `{}`",
                                TypeName(v->type)));
            }
            out.cost = keep(std::move(v), good);
            break;
          }
          case ast::RebalanceItemKind::Lot: {
            ir::ExprPtr v = Expr(*item.expr, pos, usage);
            const bool good = IsScalar(*v, TypeKind::Number);
            if (!IsErrorType(*v) && !good) {
              Error(DiagnosticKind::type_mismatch, item.expr->range,
                    fmt::format("`lot` is a quantity per position (a number), not `{}`",
                                TypeName(v->type)));
            }
            out.lot = keep(std::move(v), good);
            break;
          }
          case ast::RebalanceItemKind::Liquidate:
            for (const ast::OrderKey& key : item.order) {
              ir::ExprPtr v = Expr(*key.key, pos, usage);
              const bool good = !IsErrorType(*v);
              out.liquidate.push_back(
                  {keep(std::move(v), good), key.direction == ast::OrderDirection::Desc});
            }
            break;
          case ast::RebalanceItemKind::Substitute:
            for (const ast::Identifier& name : item.names) {
              if (name.name == "ineligible") {
                out.substitute_ineligible = true;
              } else if (name.name == "over_limit") {
                out.substitute_over_limit = true;
              } else {
                Error(DiagnosticKind::unknown_name, name.range,
                      fmt::format("`substitute` takes `ineligible` or `over_limit`, not `{}`",
                                  name.name));
                ok = false;
              }
            }
            break;
          case ast::RebalanceItemKind::TopUp:
            if (!item.names.empty()) out.top_up = item.names.front().name;
            break;
        }
      }
      bool has_target = false;
      for (const ir::Rebalance::Given& given : out.items)
        has_target = has_target || given.item == ir::RebalanceItem::Target;
      if (!has_target) {
        Error(DiagnosticKind::invalid_rebalance, r->name.range,
              fmt::format("rebalance `{}` has no `target` (what the moves must reach)", out.name));
        ok = false;
      }
      // A block with errors is not kept: the policy does not check, so no IR is returned anyway.
      if (ok) policy_.rebalances.push_back(std::move(out));
    }
  }
  policy_.declared_outputs = static_cast<std::int32_t>(policy_.outputs.size());
  if (options_.rebalance_outputs) AddRebalanceOutputs();
}

namespace {

bool IsCollateralValue(const ir::Expr& e) {
  return e.op == ir::Op::Total && e.total == ir::Total::CollateralValue;
}

}  // namespace

// X of a condition target `collateral_value >= X`, `collateral_value > X`, `X <= collateral_value`
// or `X < collateral_value`; null for any other condition.
const ir::Expr* CollateralBound(const ir::Expr& target) {
  if (target.args.size() != 2) return nullptr;
  const ir::Expr& a = *target.args[0];
  const ir::Expr& b = *target.args[1];
  if ((target.op == ir::Op::Ge || target.op == ir::Op::Gt) && IsCollateralValue(a)) return &b;
  if ((target.op == ir::Op::Le || target.op == ir::Op::Lt) && IsCollateralValue(b)) return &a;
  return nullptr;
}

void Checker::AddRebalanceOutputs() {
  // Hidden outputs are named with dots, which no declared name contains, and read by index only.
  const auto add = [this](const ir::Expr* value, std::string name) -> std::int32_t {
    if (value == nullptr) return -1;
    ir::Output hidden;
    hidden.name = std::move(name);
    hidden.type = value->type;
    hidden.value = CloneExpr(*value);
    policy_.outputs.push_back(std::move(hidden));
    return static_cast<std::int32_t>(policy_.outputs.size() - 1);
  };
  for (ir::Rebalance& r : policy_.rebalances) {
    const std::string prefix = "rebalance." + r.name + ".";
    r.trigger_output = add(r.trigger.get(), prefix + "when");
    r.target_output = add(r.target.get(), prefix + "target");
    if (r.target_is_condition)
      r.target_amount_output = add(CollateralBound(*r.target), prefix + "amount");
    r.release_output = add(r.release_above.get(), prefix + "release");
    r.min_move_output = add(r.min_move.get(), prefix + "min_move");
    r.max_moves_output = add(r.max_moves.get(), prefix + "max_moves");
  }
  for (const ir::Limit& limit : policy_.limits) {
    const std::string prefix = "limit." + limit.id + ".";
    policy_.limit_amount_outputs.push_back(add(limit.amount.get(), prefix + "amount"));
    policy_.limit_base_outputs.push_back(add(limit.base_expr.get(), prefix + "base"));
  }
}

void Checker::ReportUnusedLets() {
  for (auto& [name, state] : lets_) {
    if (state.index < 0 && !state.in_progress) {
      // Check unused lets too, so their mistakes are reported.
      Usage usage;
      const bool was_used = state.used;
      LetIndex(name, state.decl->name.range, usage);
      state.used = was_used;
    }
    if (!state.used) {
      const ParsedFile* saved = current_;
      current_ = state.file;
      Error(DiagnosticKind::unused_let, state.decl->name.range,
            fmt::format("`{}` is never used", name));
      current_ = saved;
    }
  }
}

namespace {

// Calls `f` on every expression of `e` (itself included, not through function bodies).
template <typename F>
void Visit(ir::Expr* e, const F& f) {
  if (e == nullptr) return;
  f(*e);
  for (ir::ExprPtr& arg : e->args)
    Visit(arg.get(), f);
  Visit(e->filter.get(), f);
  for (ir::MatchArm& arm : e->arms) {
    Visit(arm.condition.get(), f);
    Visit(arm.value.get(), f);
  }
  for (ir::Band& band : e->bands) {
    Visit(band.bound.get(), f);
    Visit(band.value.get(), f);
  }
}

}  // namespace

void Checker::PruneFunctions() {
  std::vector<ir::Expr*> roots;
  for (ir::Let& let : policy_.lets)
    roots.push_back(let.value.get());
  for (ir::Table& table : policy_.tables) {
    for (ir::TableRow& row : table.rows)
      roots.push_back(row.value.get());
    roots.push_back(table.fallback.get());
  }
  for (ir::Rule& rule : policy_.rules)
    roots.push_back(rule.condition.get());
  for (ir::Component& component : policy_.components)
    roots.push_back(component.value.get());
  for (ir::Tiers& tiers : policy_.tiers) {
    roots.push_back(tiers.when.get());
    roots.push_back(tiers.group_by.get());
  }
  for (ir::Limit& limit : policy_.limits) {
    for (ir::Expr* e :
         {limit.by.get(), limit.where.get(), limit.amount.get(), limit.base_expr.get()})
      roots.push_back(e);
  }
  for (ir::Output& output : policy_.outputs)
    roots.push_back(output.value.get());
  for (ir::Rebalance& r : policy_.rebalances) {
    for (ir::Expr* e : {r.trigger.get(), r.target.get(), r.release_above.get(), r.cost.get(),
                        r.lot.get(), r.min_move.get(), r.max_moves.get()})
      roots.push_back(e);
    for (ir::LiquidateKey& key : r.liquidate)
      roots.push_back(key.key.get());
  }
  // Reachable bodies, each walked once; kept in their original (checking) order.
  std::vector<std::int32_t> renumber(policy_.functions.size(), -1);
  std::vector<std::size_t> pending;
  const auto mark = [&](ir::Expr& e) {
    if (e.op != ir::Op::FnCall) return;
    const auto index = static_cast<std::size_t>(e.index);
    if (renumber[index] < 0) {
      renumber[index] = 0;
      pending.push_back(index);
    }
  };
  for (ir::Expr* root : roots)
    Visit(root, mark);
  while (!pending.empty()) {
    const std::size_t index = pending.back();
    pending.pop_back();
    Visit(policy_.functions[index].body.get(), mark);
  }
  std::vector<ir::Function> kept;
  for (std::size_t i = 0; i < policy_.functions.size(); ++i) {
    if (renumber[i] < 0) continue;
    renumber[i] = static_cast<std::int32_t>(kept.size());
    kept.push_back(std::move(policy_.functions[i]));
  }
  const auto rewrite = [&](ir::Expr& e) {
    if (e.op == ir::Op::FnCall) e.index = renumber[static_cast<std::size_t>(e.index)];
  };
  for (ir::Expr* root : roots)
    Visit(root, rewrite);
  for (ir::Function& function : kept)
    Visit(function.body.get(), rewrite);
  policy_.functions = std::move(kept);
}

CheckResult Checker::Run() {
  current_ = &files_.front();
  Collect();
  CheckHeader();
  CheckEnums();
  CheckSchemas();
  CheckTables();
  // Functions: check each body once with its parameters as unknown placeholders, which reports
  // type errors and recursion even in functions no rule calls.
  for (auto& [name, fn] : fns_) {
    current_ = fn.file;
    std::vector<ir::ExprPtr> placeholders;
    std::map<std::string, const ir::Expr*> params;
    bool ok = true;
    for (const ast::Param& p : fn.decl->params) {
      const auto type = ResolveType(p.type);
      if (!type) {
        ok = false;
        continue;
      }
      auto placeholder = std::make_unique<ir::Expr>();
      placeholder->op = Op::Const;
      placeholder->type = *type;
      placeholder->range = p.name.range;
      placeholder->file = fn.file->source;
      placeholders.push_back(std::move(placeholder));
      params[p.name.name] = placeholders.back().get();
    }
    if (!ok) continue;
    Context ctx;
    ctx.position = true;
    ctx.account = true;
    ctx.params = &params;
    Usage usage;
    fn.in_progress = true;
    Expr(*fn.decl->body, ctx, usage);
    fn.in_progress = false;
  }
  CheckRules();
  CheckComponents();
  CheckTiers();
  CheckLimits();
  CheckOutputs();
  CheckRebalances();
  ReportUnusedLets();
  PruneFunctions();
  if (!HasErrors(diagnostics_)) CheckCost();

  // A function body is checked at its declaration and again at each call: report each problem once.
  std::vector<Diagnostic> unique;
  for (Diagnostic& d : diagnostics_) {
    const bool seen = std::any_of(unique.begin(), unique.end(), [&](const Diagnostic& u) {
      return u.kind == d.kind && u.range == d.range && u.file == d.file && u.message == d.message;
    });
    if (!seen) unique.push_back(std::move(d));
  }
  SortDiagnostics(unique);
  CheckResult result;
  result.diagnostics = std::move(unique);
  if (HasErrors(result.diagnostics)) return result;
  for (const ParsedFile& file : files_) {
    policy_.canonical_source += grammar::Format(*file.source, file.ast);
  }
  policy_.canonical_source += data_sources_;
  policy_.sha256 = options_.rebalance_outputs
                       ? Sha256Hex(policy_.canonical_source + "\n# with rebalance outputs\n")
                       : Sha256Hex(policy_.canonical_source);
  NumberTextConstants(policy_);
  result.policy = std::make_shared<const ir::Policy>(std::move(policy_));
  return result;
}

}  // namespace collat::check_internal

namespace collat {

CheckResult Check(const std::vector<ParsedFile>& files, const DataTables& data,
                  const CheckerOptions& options) {
  if (files.empty()) return {};
  return check_internal::Checker(files, data, options).Run();
}

}  // namespace collat
