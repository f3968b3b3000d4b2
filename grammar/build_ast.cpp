#include "grammar/build_ast.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include <fmt/format.h>

#include "grammar/grammar.h"

namespace collat::grammar {

namespace {
// Freed nodes of this thread, reused by the next allocation. Bounded by the largest parse tree of
// one declaration the thread has built; released when the thread ends.
struct FreeList {
  std::vector<void*> nodes;
  FreeList() = default;
  FreeList(const FreeList&) = delete;
  FreeList& operator=(const FreeList&) = delete;
  ~FreeList() {
    for (void* p : nodes)
      ::operator delete(p);
  }
};
thread_local FreeList free_nodes;
}  // namespace

void* ParseNode::operator new(std::size_t size) {
  if (size == sizeof(ParseNode) && !free_nodes.nodes.empty()) {
    void* p = free_nodes.nodes.back();
    free_nodes.nodes.pop_back();
    return p;
  }
  return ::operator new(size);
}

void ParseNode::operator delete(void* p, std::size_t size) noexcept {
  if (size == sizeof(ParseNode) && free_nodes.nodes.size() < (1U << 20)) {
    try {
      free_nodes.nodes.push_back(p);
      return;
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory: give the node back instead
    }
  }
  ::operator delete(p);
}

namespace {

namespace r = rules;
using ast::ExprPtr;

class Builder {
 public:
  Builder(const SourceFilePtr& file, std::vector<Diagnostic>& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  ast::Decl Decl(const ParseNode& n);

 private:
  static SourceRange Range(const ParseNode& n) {
    return {static_cast<std::uint32_t>(n.begin().byte), static_cast<std::uint32_t>(n.end().byte)};
  }
  void Error(DiagnosticKind kind, const ParseNode& n, std::string message) {
    diagnostics_.push_back(MakeDiagnostic(kind, file_, Range(n), std::move(message)));
  }

  ast::Identifier Ident(const ParseNode& n) { return {n.string(), Range(n)}; }
  ast::TypeRef Type(const ParseNode& n);
  std::string StringValue(const ParseNode& n);
  ast::Date DateValue(const ParseNode& n);
  double NumberValue(const ParseNode& n, std::string_view spelling, int exponent_shift);

  // An operand: anything but an operator chain (a literal, name, call, parenthesis, `not x`...).
  ExprPtr Expr(const ParseNode& n);
  // The expression whose nodes start at n.children[i]: an operand followed by operators and
  // operands, flat (the precedence levels build no nodes). Advances i past it.
  ExprPtr Chain(const ParseNode& n, std::size_t& i);
  ExprPtr Chain(const ParseNode& n, std::size_t&& i) { return Chain(n, i); }
  ExprPtr Climb(const ParseNode& n, std::size_t& i, int min_precedence);
  ExprPtr Literal(const ParseNode& n);
  ExprPtr Call(const ParseNode& n);
  ExprPtr Match(const ParseNode& n);
  ExprPtr Schedule(const ParseNode& n);
  ast::Band BandOf(const ParseNode& n);

  ast::PolicyDecl Policy(const ParseNode& n);
  ast::ImportDecl Import(const ParseNode& n);
  ast::EnumDecl Enum(const ParseNode& n);
  ast::SchemaDecl Schema(const ParseNode& n);
  ast::LetDecl Let(const ParseNode& n);
  ast::FnDecl Fn(const ParseNode& n);
  ast::TableDecl Table(const ParseNode& n);
  ast::EligibilityDecl Eligibility(const ParseNode& n);
  ast::HaircutDecl Haircut(const ParseNode& n);
  ast::TiersDecl Tiers(const ParseNode& n);
  ast::LimitDecl Limit(const ParseNode& n);
  ast::OutputDecl Output(const ParseNode& n);
  ast::RebalanceDecl Rebalance(const ParseNode& n);

  // Counts the depth of the expression being built; throws ExprTooDeep past kMaxExprDepth.
  struct Depth {
    Depth(std::size_t& d, std::size_t add, SourceRange range) : depth(d), added(add) {
      depth += added;
      // The operands of the deepest operator sit one below it: a tree of kMaxExprDepth operator
      // levels (a chain of 1,000 operators, docs/language.md 16.3) has its leaves at one more.
      if (depth > kMaxExprDepth + 1) throw ExprTooDeep{range};
    }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
    ~Depth() { depth -= added; }
    std::size_t& depth;
    std::size_t added;
  };

  const SourceFilePtr& file_;
  std::vector<Diagnostic>& diagnostics_;
  std::size_t depth_ = 0;
};

ExprPtr MakeExpr(ast::ExprKind kind, SourceRange range) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->range = range;
  return e;
}

// ---- literals ------------------------------------------------------------------------------

std::string Builder::StringValue(const ParseNode& n) {
  const std::string_view raw = n.string_view();
  std::string out;
  out.reserve(raw.size());
  // The grammar guarantees the quotes and that every backslash starts a valid escape.
  for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] == '\\') {
      ++i;
      switch (raw[i]) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        default:
          out.push_back(raw[i]);
          break;
      }
    } else {
      out.push_back(raw[i]);
    }
  }
  return out;
}

bool IsLeapYear(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

ast::Date Builder::DateValue(const ParseNode& n) {
  const std::string_view s = n.string_view();
  auto number = [&](std::size_t at, std::size_t len) {
    int v = 0;
    std::from_chars(s.data() + at, s.data() + at + len, v);
    return v;
  };
  ast::Date d{number(0, 4), number(5, 2), number(8, 2)};
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool month_ok = d.month >= 1 && d.month <= 12;
  const int days_in_month =
      month_ok ? kDays[d.month - 1] + ((d.month == 2 && IsLeapYear(d.year)) ? 1 : 0) : 0;
  if (!month_ok || d.day < 1 || d.day > days_in_month || d.year < 1) {
    Error(DiagnosticKind::invalid_date, n,
          fmt::format("`{}` is not a calendar date (year-month-day)", s));
  }
  return d;
}

// Converts a decimal spelling (with `_` separators, optional fraction and exponent) to the nearest
// binary64, after scaling by 10^exponent_shift exactly in decimal (so `97.75%` is the double
// nearest to 0.9775, not 97.75 / 100).
double Builder::NumberValue(const ParseNode& n, std::string_view spelling, int exponent_shift) {
  std::string mantissa;
  long exponent = exponent_shift;
  for (std::size_t i = 0; i < spelling.size(); ++i) {
    const char c = spelling[i];
    if (c == '_') continue;
    if (c == 'e' || c == 'E') {
      exponent += std::strtol(std::string(spelling.substr(i + 1)).c_str(), nullptr, 10);
      break;
    }
    mantissa.push_back(c);
  }
  const std::string text = fmt::format("{}e{}", mantissa, exponent);
  errno = 0;
  const double value = std::strtod(text.c_str(), nullptr);
  const bool underflow =
      errno == ERANGE && value == 0 && mantissa.find_first_not_of("0.") != std::string::npos;
  if (!std::isfinite(value) || underflow) {
    Error(DiagnosticKind::invalid_number, n,
          fmt::format("`{}` is outside the range of a binary64 number", n.string_view()));
  }
  return value;
}

ExprPtr Builder::Literal(const ParseNode& n) {
  const SourceRange range = Range(n);
  const std::string_view s = n.string_view();
  if (n.Is<r::number_lit>()) {
    auto e = MakeExpr(ast::ExprKind::Number, range);
    e->text = std::string(s);
    e->number = NumberValue(n, s, 0);
    return e;
  }
  if (n.Is<r::percent_lit>()) {
    auto e = MakeExpr(ast::ExprKind::Percent, range);
    e->text = std::string(s.substr(0, s.size() - 1));
    e->number = NumberValue(n, e->text, -2);
    return e;
  }
  if (n.Is<r::money_lit>()) {
    auto e = MakeExpr(ast::ExprKind::Money, range);
    const std::size_t space = s.find_first_of(" \t");
    e->text = std::string(s.substr(0, space));
    e->currency = std::string(s.substr(s.size() - 3));
    e->number = NumberValue(n, e->text, 0);
    return e;
  }
  if (n.Is<r::date_lit>()) {
    auto e = MakeExpr(ast::ExprKind::Date, range);
    e->date = DateValue(n);
    return e;
  }
  if (n.Is<r::duration_lit>()) {
    auto e = MakeExpr(ast::ExprKind::Duration, range);
    std::uint64_t count = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size() - 1, count);
    if (ec != std::errc() || count > 100000) {
      Error(DiagnosticKind::invalid_number, n,
            fmt::format("duration `{}` is too long (at most 100000 units)", s));
    }
    e->number = static_cast<double>(count);
    switch (s.back()) {
      case 'd':
        e->unit = ast::DurationUnit::Days;
        break;
      case 'w':
        e->unit = ast::DurationUnit::Weeks;
        break;
      case 'm':
        e->unit = ast::DurationUnit::Months;
        break;
      default:
        e->unit = ast::DurationUnit::Years;
        break;
    }
    return e;
  }
  if (n.Is<r::string_lit>()) {
    auto e = MakeExpr(ast::ExprKind::String, range);
    e->text = StringValue(n);
    return e;
  }
  if (n.Is<r::bool_lit>()) {
    auto e = MakeExpr(ast::ExprKind::Bool, range);
    e->boolean = s == "true";
    return e;
  }
  return nullptr;
}

// ---- expressions ---------------------------------------------------------------------------

// The operators of a flat chain. Postfix `is known` binds like a comparison.
bool IsOperator(const ParseNode& n) {
  return n.Is<r::or_op>() || n.Is<r::and_op>() || n.Is<r::cmp_op>() || n.Is<r::in_op>() ||
         n.Is<r::is_test>() || n.Is<r::dflt_op>() || n.Is<r::add_op>() || n.Is<r::mul_op>();
}

ast::BinaryOp BinaryOpOf(const ParseNode& op) {
  const std::string_view s = op.string_view();
  if (op.Is<r::or_op>()) return ast::BinaryOp::Or;
  if (op.Is<r::and_op>()) return ast::BinaryOp::And;
  if (op.Is<r::dflt_op>()) return ast::BinaryOp::Default;
  if (op.Is<r::in_op>()) return op.children.empty() ? ast::BinaryOp::In : ast::BinaryOp::NotIn;
  if (op.Is<r::cmp_op>()) {
    return s == "=="   ? ast::BinaryOp::Eq
           : s == "!=" ? ast::BinaryOp::Ne
           : s == "<=" ? ast::BinaryOp::Le
           : s == ">=" ? ast::BinaryOp::Ge
           : s == "<"  ? ast::BinaryOp::Lt
                       : ast::BinaryOp::Gt;
  }
  if (s == "+") return ast::BinaryOp::Add;
  if (s == "-") return ast::BinaryOp::Sub;
  if (s == "*") return ast::BinaryOp::Mul;
  return ast::BinaryOp::Div;
}

int PrecedenceOf(const ParseNode& op) {
  return op.Is<r::is_test>() ? ast::Precedence(ast::BinaryOp::Eq) : ast::Precedence(BinaryOpOf(op));
}

ExprPtr Builder::Chain(const ParseNode& n, std::size_t& i) {
  return Climb(n, i, 0);
}

// Precedence climbing over a flat chain, left-associative. The grammar already guarantees the
// chain is well formed (operands and operators alternate; comparisons do not chain), so this only
// groups.
ExprPtr Builder::Climb(const ParseNode& n, std::size_t& i, int min_precedence) {
  ExprPtr lhs = Expr(*n.children[i++]);
  std::size_t added = 0;
  struct Restore {
    std::size_t& depth;
    std::size_t& added;
    Restore(std::size_t& d, std::size_t& a) : depth(d), added(a) {}
    Restore(const Restore&) = delete;
    Restore& operator=(const Restore&) = delete;
    ~Restore() { depth -= added; }
  } restore(depth_, added);
  while (i < n.children.size() && IsOperator(*n.children[i])) {
    const ParseNode& op = *n.children[i];
    const int precedence = PrecedenceOf(op);
    if (precedence < min_precedence) break;
    ++i;
    // Each operator deepens the tree by one: a long chain is bounded like nesting.
    ++depth_;
    ++added;
    if (depth_ > kMaxExprDepth) throw ExprTooDeep{Range(op)};
    if (op.Is<r::is_test>()) {
      const bool negated = op.children.size() == 2;
      const bool known = op.children.back()->string_view() == "known";
      auto e = MakeExpr(ast::ExprKind::Unary, {lhs->range.begin, Range(op).end});
      e->unary_op = (known != negated) ? ast::UnaryOp::IsKnown : ast::UnaryOp::IsUnknown;
      e->operands.push_back(std::move(lhs));
      lhs = std::move(e);
      continue;
    }
    ExprPtr rhs = Climb(n, i, precedence + 1);
    auto e = MakeExpr(ast::ExprKind::Binary, {lhs->range.begin, rhs->range.end});
    e->binary_op = BinaryOpOf(op);
    e->operands.push_back(std::move(lhs));
    e->operands.push_back(std::move(rhs));
    lhs = std::move(e);
  }
  return lhs;
}

ExprPtr Builder::Call(const ParseNode& n) {
  auto e = MakeExpr(ast::ExprKind::Call, Range(n));
  e->text = n.children[0]->string();
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const ParseNode& c = *n.children[i];
    if (c.Is<r::where_clause>()) {
      e->filter = Chain(c, 0);
      continue;
    }
    ast::CallArg arg;
    std::size_t value_index = 0;
    if (c.children[0]->Is<r::arg_name>()) {
      const ParseNode& name = *c.children[0];
      const std::string_view s = name.string_view();
      std::size_t len = 0;
      while (len < s.size() && s[len] != ':' && s[len] != ' ' && s[len] != '\t' && s[len] != '\r' &&
             s[len] != '\n' && s[len] != '#') {
        ++len;
      }
      const SourceRange range = Range(name);
      arg.name = ast::Identifier{std::string(s.substr(0, len)),
                                 {range.begin, range.begin + static_cast<std::uint32_t>(len)}};
      value_index = 1;
    }
    arg.value = Chain(c, value_index);
    e->args.push_back(std::move(arg));
  }
  return e;
}

ExprPtr Builder::Match(const ParseNode& n) {
  auto e = MakeExpr(ast::ExprKind::Match, Range(n));
  for (const auto& arm_node : n.children) {
    ast::MatchArm arm;
    arm.range = Range(*arm_node);
    std::size_t i = 0;
    if (arm_node->children[0]->Is<r::arm_label>()) {
      const ParseNode& label = *arm_node->children[0];
      const std::string_view s = label.string_view();
      std::size_t len = 0;
      while (len < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[len])) || s[len] == '_')) {
        ++len;
      }
      const SourceRange range = Range(label);
      arm.label = ast::Identifier{std::string(s.substr(0, len)),
                                  {range.begin, range.begin + static_cast<std::uint32_t>(len)}};
      i = 1;
    }
    if (arm_node->children[i]->Is<r::arm_else>()) {
      ++i;
    } else {
      arm.condition = Chain(*arm_node, i);
    }
    arm.value = Chain(*arm_node, i);
    e->arms.push_back(std::move(arm));
  }
  return e;
}

// A band node's children: (band_else | band_le bound | band_lt bound) [band_keep] value.
ast::Band Builder::BandOf(const ParseNode& n) {
  ast::Band band;
  band.range = Range(n);
  std::size_t i = 0;
  const ParseNode& key = *n.children[0];
  if (key.Is<r::band_else>()) {
    band.op = ast::BandOp::Else;
    i = 1;
  } else {
    band.op = key.Is<r::band_le>() ? ast::BandOp::Le : ast::BandOp::Lt;
    i = 1;
    band.bound = Chain(n, i);
  }
  if (n.children[i]->Is<r::band_keep>()) {
    band.keep = true;
    ++i;
  }
  band.value = Chain(n, i);
  return band;
}

ExprPtr Builder::Schedule(const ParseNode& n) {
  auto e = MakeExpr(ast::ExprKind::Schedule, Range(n));
  std::size_t i = 0;
  e->operands.push_back(Chain(n, i));
  for (; i < n.children.size(); ++i)
    e->bands.push_back(BandOf(*n.children[i]));
  return e;
}

ExprPtr Builder::Expr(const ParseNode& n) {
  const Depth depth(depth_, 1, Range(n));
  if (ExprPtr lit = Literal(n)) return lit;
  const SourceRange range = Range(n);
  if (n.Is<r::dotted_name>()) {
    auto e = MakeExpr(ast::ExprKind::Name, range);
    e->text = n.string();
    return e;
  }
  if (n.Is<r::neg_expr>() || n.Is<r::not_prefix>()) {
    auto e = MakeExpr(ast::ExprKind::Unary, range);
    e->unary_op = n.Is<r::neg_expr>() ? ast::UnaryOp::Neg : ast::UnaryOp::Not;
    e->operands.push_back(Chain(n, 0));
    return e;
  }
  if (n.Is<r::paren>() || n.Is<r::set_lit>() || n.Is<r::if_expr>()) {
    const auto kind = n.Is<r::paren>()     ? ast::ExprKind::Paren
                      : n.Is<r::set_lit>() ? ast::ExprKind::Set
                                           : ast::ExprKind::If;
    auto e = MakeExpr(kind, range);
    for (std::size_t i = 0; i < n.children.size();)
      e->operands.push_back(Chain(n, i));
    return e;
  }
  if (n.Is<r::call>()) return Call(n);
  if (n.Is<r::index_expr>()) {
    auto e = MakeExpr(ast::ExprKind::Index, range);
    e->text = n.children[0]->string();
    e->operands.push_back(Chain(n, 1));
    return e;
  }
  if (n.Is<r::match_expr>()) return Match(n);
  if (n.Is<r::schedule_expr>()) return Schedule(n);
  throw std::logic_error(fmt::format("collat: unexpected parse node `{}`", n.type));
}

// ---- declarations --------------------------------------------------------------------------

ast::TypeRef Builder::Type(const ParseNode& n) {
  ast::TypeRef t;
  t.name = n.children[0]->string();
  t.optional = n.children.size() > 1;
  t.range = Range(n);
  return t;
}

ast::PolicyDecl Builder::Policy(const ParseNode& n) {
  ast::PolicyDecl p;
  for (const auto& c : n.children) {
    if (c->Is<r::decl_name>()) {
      p.name = Ident(*c);
    } else if (c->Is<r::title>()) {
      p.title = StringValue(*c);
    } else {
      ast::HeaderItem item;
      item.range = Range(*c);
      const ParseNode& arg = *c->children[0];
      if (c->Is<r::header_version>()) {
        item.kind = ast::HeaderItemKind::Version;
        item.text = StringValue(arg);
      } else if (c->Is<r::header_effective>()) {
        item.kind = ast::HeaderItemKind::Effective;
        item.date = DateValue(arg);
      } else if (c->Is<r::header_currency>()) {
        item.kind = ast::HeaderItemKind::Currency;
        item.text = arg.string();
      } else if (c->Is<r::header_owner>()) {
        item.kind = ast::HeaderItemKind::Owner;
        item.text = StringValue(arg);
      } else if (c->Is<r::header_precision>()) {
        item.kind = ast::HeaderItemKind::Precision;
        item.text = arg.string();
      } else {
        item.kind = ast::HeaderItemKind::Source;
        item.text = StringValue(arg);
      }
      p.items.push_back(std::move(item));
    }
  }
  return p;
}

ast::ImportDecl Builder::Import(const ParseNode& n) {
  ast::ImportDecl d;
  d.path = StringValue(*n.children[0]);
  d.path_range = Range(*n.children[0]);
  if (n.children.size() > 1) d.alias = Ident(*n.children[1]->children[0]);
  return d;
}

ast::EnumDecl Builder::Enum(const ParseNode& n) {
  ast::EnumDecl d;
  d.name = Ident(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    if (n.children[i]->Is<r::enum_ordered>()) {
      d.ordered = true;
    } else {
      d.labels.push_back(Ident(*n.children[i]));
    }
  }
  return d;
}

ast::SchemaDecl Builder::Schema(const ParseNode& n) {
  ast::SchemaDecl d;
  const std::string_view kind = n.children[0]->string_view();
  d.kind = kind == "position"  ? ast::SchemaKind::Position
           : kind == "account" ? ast::SchemaKind::Account
                               : ast::SchemaKind::Market;
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const ParseNode& f = *n.children[i];
    ast::FieldDecl field;
    field.range = Range(f);
    field.name = Ident(*f.children[0]);
    field.type = Type(*f.children[1]);
    for (std::size_t j = 2; j < f.children.size(); ++j) {
      if (f.children[j]->Is<r::field_default>()) {
        field.default_value = Chain(*f.children[j], 0);
      } else {
        field.description = StringValue(*f.children[j]);
      }
    }
    d.fields.push_back(std::move(field));
  }
  return d;
}

ast::LetDecl Builder::Let(const ParseNode& n) {
  ast::LetDecl d;
  d.name = Ident(*n.children[0]);
  std::size_t i = 1;
  if (n.children[i]->Is<r::declared_type>()) d.type = Type(*n.children[i++]->children[0]);
  d.value = Chain(n, i);
  return d;
}

ast::FnDecl Builder::Fn(const ParseNode& n) {
  ast::FnDecl d;
  d.name = Ident(*n.children[0]);
  std::size_t i = 1;
  for (; i < n.children.size() && n.children[i]->Is<r::param>(); ++i) {
    const ParseNode& c = *n.children[i];
    d.params.push_back({Ident(*c.children[0]), Type(*c.children[1])});
  }
  if (n.children[i]->Is<r::declared_type>()) d.result = Type(*n.children[i++]->children[0]);
  d.body = Chain(n, i);
  return d;
}

ast::TableDecl Builder::Table(const ParseNode& n) {
  ast::TableDecl d;
  d.name = Ident(*n.children[0]);
  std::size_t i = 1;
  if (n.children[i]->Is<r::effective_clause>()) {
    d.effective = DateValue(*n.children[i++]->children[0]);
  }
  d.key_type = Type(*n.children[i++]);
  d.value_type = Type(*n.children[i++]);
  const ParseNode& body = *n.children[i];
  if (body.Is<r::table_from>()) {
    d.data_file = StringValue(*body.children[0]);
    d.data_file_range = Range(*body.children[0]);
    return d;
  }
  for (const auto& row_node : body.children) {
    ast::TableRow row;
    row.range = Range(*row_node);
    const ParseNode& key = *row_node->children[0];
    row.key_range = Range(key);
    if (key.Is<r::band_else>()) {
      row.key_kind = ast::TableKeyKind::Else;
    } else if (key.Is<r::string_lit>()) {
      row.key_kind = ast::TableKeyKind::String;
      row.key = StringValue(key);
    } else {
      row.key_kind = ast::TableKeyKind::Label;
      row.key = key.string();
    }
    row.value = Chain(*row_node, 1);
    d.rows.push_back(std::move(row));
  }
  return d;
}

ast::EligibilityDecl Builder::Eligibility(const ParseNode& n) {
  ast::EligibilityDecl d;
  for (const auto& rule_node : n.children) {
    ast::EligibilityRule rule;
    rule.range = Range(*rule_node);
    rule.verb = rule_node->children[0]->string_view() == "accept" ? ast::RuleVerb::Accept
                                                                  : ast::RuleVerb::Reject;
    rule.id = Ident(*rule_node->children[1]);
    for (std::size_t i = 2; i < rule_node->children.size(); ++i) {
      const ParseNode& c = *rule_node->children[i];
      if (c.Is<r::effective_clause>()) {
        rule.effective = DateValue(*c.children[0]);
      } else if (c.Is<r::rule_condition>()) {
        rule.condition = Chain(c, 0);
      } else {
        rule.reason = StringValue(c);
      }
    }
    d.rules.push_back(std::move(rule));
  }
  return d;
}

ast::HaircutDecl Builder::Haircut(const ParseNode& n) {
  ast::HaircutDecl d;
  d.kind = n.children[0]->string_view() == "haircut" ? ast::ComponentKind::Haircut
                                                     : ast::ComponentKind::Margin;
  d.name = Ident(*n.children[1]);
  std::size_t i = 2;
  if (n.children[i]->Is<r::effective_clause>()) {
    d.effective = DateValue(*n.children[i++]->children[0]);
  }
  d.value = Chain(n, i);
  if (i < n.children.size()) d.reason = StringValue(*n.children[i]);
  return d;
}

ast::TiersDecl Builder::Tiers(const ParseNode& n) {
  ast::TiersDecl d;
  d.name = Ident(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const ParseNode& c = *n.children[i];
    if (c.Is<r::effective_clause>()) {
      d.effective = DateValue(*c.children[0]);
      continue;
    }
    if (c.Is<r::title>()) {
      d.title = StringValue(c);
      continue;
    }
    ast::TiersItem item;
    item.range = Range(c);
    if (c.Is<r::tiers_when>()) {
      item.kind = ast::TiersItemKind::When;
      item.expr = Chain(c, 0);
    } else if (c.Is<r::tiers_group>()) {
      item.kind = ast::TiersItemKind::GroupBy;
      item.expr = Chain(c, 0);
    } else if (c.Is<r::tiers_on>()) {
      item.kind = ast::TiersItemKind::On;
      item.word = Ident(*c.children[0]);
    } else if (c.Is<r::tiers_mode>()) {
      item.kind = ast::TiersItemKind::Mode;
      item.word = Ident(*c.children[0]);
    } else {
      item.kind = ast::TiersItemKind::Band;
      item.band = BandOf(c);
    }
    d.items.push_back(std::move(item));
  }
  return d;
}

ast::LimitDecl Builder::Limit(const ParseNode& n) {
  ast::LimitDecl d;
  d.name = Ident(*n.children[0]);
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const ParseNode& c = *n.children[i];
    if (c.Is<r::effective_clause>()) {
      d.effective = DateValue(*c.children[0]);
    } else if (c.Is<r::limit_by>()) {
      d.by = Chain(c, 0);
    } else if (c.Is<r::limit_where>()) {
      d.where = Chain(c, 0);
    } else if (c.Is<r::limit_on>()) {
      d.on = Ident(*c.children[0]);
    } else if (c.Is<r::limit_bound>()) {
      d.direction = c.children[0]->string_view() == "max" ? ast::LimitDirection::Max
                                                          : ast::LimitDirection::Min;
      std::size_t k = 1;
      d.amount = Chain(c, k);
      if (k < c.children.size()) d.base = Chain(*c.children[k], 0);
    } else {
      d.reason = StringValue(c);
    }
  }
  return d;
}

ast::OutputDecl Builder::Output(const ParseNode& n) {
  ast::OutputDecl d;
  d.name = Ident(*n.children[0]);
  std::size_t i = 1;
  if (n.children[i]->Is<r::declared_type>()) d.type = Type(*n.children[i++]->children[0]);
  d.value = Chain(n, i);
  if (i < n.children.size()) d.reason = StringValue(*n.children[i]);
  return d;
}

ast::RebalanceDecl Builder::Rebalance(const ParseNode& n) {
  ast::RebalanceDecl d;
  d.name = Ident(*n.children[0]);
  d.trigger = Chain(*n.children[1], 0);
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const ParseNode& c = *n.children[i];
    ast::RebalanceItem item;
    item.range = Range(c);
    if (c.Is<r::rb_top_up>()) {
      item.kind = ast::RebalanceItemKind::TopUp;
      item.names.push_back(Ident(*c.children[0]));
    } else if (c.Is<r::rb_substitute>()) {
      item.kind = ast::RebalanceItemKind::Substitute;
      for (const auto& name : c.children)
        item.names.push_back(Ident(*name));
    } else if (c.Is<r::rb_liquidate>()) {
      item.kind = ast::RebalanceItemKind::Liquidate;
      for (const auto& key_node : c.children) {
        ast::OrderKey key;
        std::size_t k = 0;
        key.key = Chain(*key_node, k);
        if (k < key_node->children.size()) {
          key.direction = key_node->children[k]->string_view() == "asc" ? ast::OrderDirection::Asc
                                                                        : ast::OrderDirection::Desc;
        }
        item.order.push_back(std::move(key));
      }
    } else {
      item.kind = c.Is<r::rb_target>()     ? ast::RebalanceItemKind::Target
                  : c.Is<r::rb_release>()  ? ast::RebalanceItemKind::Release
                  : c.Is<r::rb_cost>()     ? ast::RebalanceItemKind::Cost
                  : c.Is<r::rb_lot>()      ? ast::RebalanceItemKind::Lot
                  : c.Is<r::rb_min_move>() ? ast::RebalanceItemKind::MinMove
                                           : ast::RebalanceItemKind::MaxMoves;
      if (!c.children.empty()) item.expr = Chain(c, 0);
    }
    d.items.push_back(std::move(item));
  }
  return d;
}

ast::Decl Builder::Decl(const ParseNode& n) {
  ast::Decl d{Range(n), ast::PolicyDecl{}};
  if (n.Is<r::policy_decl>()) {
    d.body = Policy(n);
  } else if (n.Is<r::import_decl>()) {
    d.body = Import(n);
  } else if (n.Is<r::enum_decl>()) {
    d.body = Enum(n);
  } else if (n.Is<r::schema_decl>()) {
    d.body = Schema(n);
  } else if (n.Is<r::let_decl>()) {
    d.body = Let(n);
  } else if (n.Is<r::fn_decl>()) {
    d.body = Fn(n);
  } else if (n.Is<r::table_decl>()) {
    d.body = Table(n);
  } else if (n.Is<r::eligibility_decl>()) {
    d.body = Eligibility(n);
  } else if (n.Is<r::haircut_decl>()) {
    d.body = Haircut(n);
  } else if (n.Is<r::tiers_decl>()) {
    d.body = Tiers(n);
  } else if (n.Is<r::limit_decl>()) {
    d.body = Limit(n);
  } else if (n.Is<r::output_decl>()) {
    d.body = Output(n);
  } else if (n.Is<r::rebalance_decl>()) {
    d.body = Rebalance(n);
  } else {
    throw std::logic_error(fmt::format("collat: unexpected declaration node `{}`", n.type));
  }
  return d;
}

}  // namespace

ast::Decl BuildDecl(const ParseNode& node, const SourceFilePtr& file,
                    std::vector<Diagnostic>& diagnostics) {
  return Builder(file, diagnostics).Decl(node);
}

}  // namespace collat::grammar
