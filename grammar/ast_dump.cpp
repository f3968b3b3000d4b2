#include "grammar/ast_dump.h"

#include <fmt/format.h>

#include "grammar/format.h"

namespace collat::grammar {
namespace {

class Dumper {
 public:
  Dumper(const SourceFile& source, DumpOptions options) : source_(source), options_(options) {}

  void Decl(const ast::Decl& d);
  std::string Take() { return std::move(out_); }

 private:
  void Line(std::string text, const SourceRange* range = nullptr) {
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
    out_ += text;
    if (range && options_.ranges) {
      const LineColumn at = source_.Locate(range->begin);
      out_ += fmt::format(" @{}:{}", at.line, at.column);
    }
    out_ += '\n';
  }
  void Child(const char* label, const ast::Expr* e) {
    if (!e) return;
    Line(label);
    ++depth_;
    Expr(*e);
    --depth_;
  }
  void Expr(const ast::Expr& e);
  static std::string Q(const std::string& s) { return QuoteString(s); }
  static std::string D(const ast::Date& d) {
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  }
  static std::string Ty(const ast::TypeRef& t) { return t.name + (t.optional ? "?" : ""); }
  void Opt(const char* label, const std::optional<std::string>& s) {
    if (s) Line(fmt::format("{} {}", label, Q(*s)));
  }
  void Eff(const std::optional<ast::Date>& d) {
    if (d) Line("effective " + D(*d));
  }
  void Band(const ast::Band& b);

  const SourceFile& source_;
  DumpOptions options_;
  std::string out_;
  int depth_ = 0;
};

void Dumper::Band(const ast::Band& b) {
  Line(fmt::format("band {}{}", ast::Spelling(b.op), b.keep ? " keep" : ""), &b.range);
  ++depth_;
  if (b.bound) Expr(*b.bound);
  Expr(*b.value);
  --depth_;
}

void Dumper::Expr(const ast::Expr& e) {
  const int depth = depth_;
  switch (e.kind) {
    case ast::ExprKind::Number:
      Line(fmt::format("number {} = {}", e.text, e.number));
      return;
    case ast::ExprKind::Percent:
      Line(fmt::format("percent {}% = {}", e.text, e.number));
      return;
    case ast::ExprKind::Money:
      Line(fmt::format("money {} {} = {}", e.text, e.currency, e.number));
      return;
    case ast::ExprKind::Date:
      Line("date " + D(e.date));
      return;
    case ast::ExprKind::Duration:
      Line(fmt::format("duration {}{}", static_cast<std::uint64_t>(e.number),
                       ast::Spelling(e.unit)));
      return;
    case ast::ExprKind::String:
      Line("string " + Q(e.text));
      return;
    case ast::ExprKind::Bool:
      Line(e.boolean ? "bool true" : "bool false");
      return;
    case ast::ExprKind::Name:
      Line("name " + e.text);
      return;
    case ast::ExprKind::Set:
      Line("set");
      break;
    case ast::ExprKind::Unary:
      switch (e.unary_op) {
        case ast::UnaryOp::Neg:
          Line("unary -");
          break;
        case ast::UnaryOp::Not:
          Line("unary not");
          break;
        case ast::UnaryOp::IsKnown:
          Line("unary is known");
          break;
        case ast::UnaryOp::IsUnknown:
          Line("unary is unknown");
          break;
      }
      break;
    case ast::ExprKind::Binary:
      Line(fmt::format("binary {}", ast::Spelling(e.binary_op)));
      break;
    case ast::ExprKind::Call:
      Line("call " + e.text);
      ++depth_;
      for (const ast::CallArg& a : e.args) {
        if (a.name) {
          Line("arg " + a.name->name);
          ++depth_;
          Expr(*a.value);
          --depth_;
        } else {
          Expr(*a.value);
        }
      }
      Child("where", e.filter.get());
      depth_ = depth;
      return;
    case ast::ExprKind::Index:
      Line("index " + e.text);
      break;
    case ast::ExprKind::If:
      Line("if");
      break;
    case ast::ExprKind::Match:
      Line("match");
      ++depth_;
      for (const ast::MatchArm& arm : e.arms) {
        Line(arm.label ? "arm " + arm.label->name : std::string("arm"), &arm.range);
        ++depth_;
        if (arm.condition) {
          Expr(*arm.condition);
        } else {
          Line("else");
        }
        Expr(*arm.value);
        --depth_;
      }
      depth_ = depth;
      return;
    case ast::ExprKind::Schedule:
      Line("schedule");
      ++depth_;
      Expr(*e.operands[0]);
      for (const ast::Band& b : e.bands)
        Band(b);
      depth_ = depth;
      return;
    case ast::ExprKind::Paren:
      Line("paren");
      break;
  }
  ++depth_;
  for (const auto& op : e.operands)
    Expr(*op);
  depth_ = depth;
}

void Dumper::Decl(const ast::Decl& d) {
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, ast::PolicyDecl>) {
          Line("policy " + b.name.name, &d.range);
          ++depth_;
          Opt("title", b.title);
          for (const ast::HeaderItem& item : b.items) {
            const std::string value = item.kind == ast::HeaderItemKind::Effective ? D(item.date)
                                      : item.kind == ast::HeaderItemKind::Currency ||
                                              item.kind == ast::HeaderItemKind::Precision
                                          ? item.text
                                          : Q(item.text);
            Line(fmt::format("{} {}", ast::Spelling(item.kind), value), &item.range);
          }
        } else if constexpr (std::is_same_v<T, ast::ImportDecl>) {
          Line("import " + Q(b.path) + (b.alias ? " as " + b.alias->name : ""), &d.range);
          ++depth_;
        } else if constexpr (std::is_same_v<T, ast::EnumDecl>) {
          std::string labels;
          for (const auto& l : b.labels)
            labels += (labels.empty() ? "" : ", ") + l.name;
          Line(fmt::format("enum {}{} {{ {} }}", b.name.name, b.ordered ? " ordered" : "", labels),
               &d.range);
          ++depth_;
        } else if constexpr (std::is_same_v<T, ast::SchemaDecl>) {
          Line(fmt::format("schema {}", ast::Spelling(b.kind)), &d.range);
          ++depth_;
          for (const ast::FieldDecl& f : b.fields) {
            Line(fmt::format("field {}: {}", f.name.name, Ty(f.type)), &f.range);
            ++depth_;
            Child("default", f.default_value.get());
            Opt("description", f.description);
            --depth_;
          }
        } else if constexpr (std::is_same_v<T, ast::LetDecl>) {
          Line("let " + b.name.name + (b.type ? ": " + Ty(*b.type) : ""), &d.range);
          ++depth_;
          Expr(*b.value);
        } else if constexpr (std::is_same_v<T, ast::FnDecl>) {
          std::string params;
          for (const auto& p : b.params) {
            params += (params.empty() ? "" : ", ") + p.name.name + ": " + Ty(p.type);
          }
          Line(
              fmt::format("fn {}({}){}", b.name.name, params, b.result ? ": " + Ty(*b.result) : ""),
              &d.range);
          ++depth_;
          Expr(*b.body);
        } else if constexpr (std::is_same_v<T, ast::TableDecl>) {
          Line(fmt::format("table {}: {} -> {}", b.name.name, Ty(b.key_type), Ty(b.value_type)),
               &d.range);
          ++depth_;
          Eff(b.effective);
          Opt("from", b.data_file);
          for (const ast::TableRow& row : b.rows) {
            const std::string key = row.key_kind == ast::TableKeyKind::Else     ? "else"
                                    : row.key_kind == ast::TableKeyKind::String ? Q(row.key)
                                                                                : row.key;
            Line("row " + key, &row.range);
            ++depth_;
            Expr(*row.value);
            --depth_;
          }
        } else if constexpr (std::is_same_v<T, ast::EligibilityDecl>) {
          Line("eligibility", &d.range);
          ++depth_;
          for (const ast::EligibilityRule& r : b.rules) {
            Line(fmt::format("{} {}", r.verb == ast::RuleVerb::Accept ? "accept" : "reject",
                             r.id.name),
                 &r.range);
            ++depth_;
            Eff(r.effective);
            Expr(*r.condition);
            Opt("reason", r.reason);
            --depth_;
          }
        } else if constexpr (std::is_same_v<T, ast::HaircutDecl>) {
          Line(fmt::format("{} {}", b.kind == ast::ComponentKind::Haircut ? "haircut" : "margin",
                           b.name.name),
               &d.range);
          ++depth_;
          Eff(b.effective);
          Expr(*b.value);
          Opt("reason", b.reason);
        } else if constexpr (std::is_same_v<T, ast::TiersDecl>) {
          Line("tiers " + b.name.name, &d.range);
          ++depth_;
          Eff(b.effective);
          Opt("title", b.title);
          for (const ast::TiersItem& item : b.items) {
            switch (item.kind) {
              case ast::TiersItemKind::When:
                Child("when", item.expr.get());
                break;
              case ast::TiersItemKind::GroupBy:
                Child("group by", item.expr.get());
                break;
              case ast::TiersItemKind::On:
                Line("on " + item.word.name, &item.range);
                break;
              case ast::TiersItemKind::Mode:
                Line("mode " + item.word.name, &item.range);
                break;
              case ast::TiersItemKind::Band:
                Band(item.band);
                break;
            }
          }
        } else if constexpr (std::is_same_v<T, ast::LimitDecl>) {
          Line(fmt::format("limit {} {}", b.name.name,
                           b.direction == ast::LimitDirection::Max ? "max" : "min"),
               &d.range);
          ++depth_;
          Eff(b.effective);
          Child("by", b.by.get());
          Child("where", b.where.get());
          if (b.on) Line("on " + b.on->name);
          Child("amount", b.amount.get());
          Child("of", b.base.get());
          Opt("reason", b.reason);
        } else if constexpr (std::is_same_v<T, ast::OutputDecl>) {
          Line("output " + b.name.name + (b.type ? ": " + Ty(*b.type) : ""), &d.range);
          ++depth_;
          Expr(*b.value);
          Opt("reason", b.reason);
        } else {
          static_assert(std::is_same_v<T, ast::RebalanceDecl>, "unhandled declaration kind");
          Line("rebalance " + b.name.name, &d.range);
          ++depth_;
          Child("when", b.trigger.get());
          for (const ast::RebalanceItem& item : b.items) {
            std::string names;
            for (const auto& n : item.names)
              names += " " + n.name;
            Line(ast::Spelling(item.kind) + names, &item.range);
            ++depth_;
            if (item.expr) Expr(*item.expr);
            for (const ast::OrderKey& key : item.order) {
              Line(key.direction == ast::OrderDirection::Asc    ? "key asc"
                   : key.direction == ast::OrderDirection::Desc ? "key desc"
                                                                : "key");
              ++depth_;
              Expr(*key.key);
              --depth_;
            }
            --depth_;
          }
        }
      },
      d.body);
  depth_ = 0;
}

}  // namespace

std::string DumpAst(const SourceFile& source, const ast::File& file, DumpOptions options) {
  Dumper dumper(source, options);
  for (const ast::Decl& d : file.decls)
    dumper.Decl(d);
  return dumper.Take();
}

}  // namespace collat::grammar
