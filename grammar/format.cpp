#include "grammar/format.h"

#include <algorithm>

#include <fmt/format.h>

#include "grammar/comments.h"

namespace collat::grammar {

std::string QuoteString(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out.push_back(c);
        break;
    }
  }
  out += '"';
  return out;
}

namespace {

std::string Quote(std::string_view s) {
  return QuoteString(s);
}

std::string DateText(const ast::Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::string TypeText(const ast::TypeRef& t) {
  return t.name + (t.optional ? "?" : "");
}

// Output lines with their comments; rendered at the end.
struct Line {
  int indent = 0;
  bool blank_before = false;
  std::string text;
  std::string comment;        // trailing comment
  bool continuation = false;  // continues the line before it (a wrapped reason or bound)
  int shape = 0;              // lines align only with adjacent lines of the same shape
};

class Printer {
 public:
  // `source` is null in inline mode: everything goes on one line, no comments.
  explicit Printer(const SourceFile* source) : source_(source) {
    if (source_) comments_ = ScanComments(*source_);
    lines_.emplace_back();
  }

  bool inline_mode() const { return source_ == nullptr; }

  // Starts a new line for the construct that begins at source offset `anchor`.
  void Begin(std::uint32_t anchor) {
    FlushComments(anchor);
    Line line;
    line.indent = indent_;
    line.blank_before = !block_start_ && BlankLineBetween(last_end_, anchor);
    lines_.push_back(std::move(line));
    block_start_ = false;
    last_end_ = std::max(last_end_, anchor);
  }
  void Append(std::string_view text) { lines_.back().text += text; }
  void Mark(std::uint32_t end) { last_end_ = std::max(last_end_, end); }
  void Indent() { ++indent_; }
  void Dedent() { --indent_; }
  void OpenBlock() {
    Append(" {");
    Indent();
    block_start_ = true;
  }
  // Closes a block whose `}` is at source offset `close`.
  void CloseBlock(std::uint32_t close) {
    FlushComments(close);
    Dedent();
    Begin(close);
    Append("}");
    Mark(close + 1);
  }
  // The column after the current line's text before alignment (marks take no room).
  std::size_t column() const {
    const std::string& text = lines_.back().text;
    return static_cast<std::size_t>(lines_.back().indent) * 2 + text.size() -
           static_cast<std::size_t>(std::count(text.begin(), text.end(), kAlign));
  }

  // Starts a continuation line of the current construct, one level deeper, without comments.
  void Continue() {
    Line line;
    line.indent = indent_ + 1;
    line.continuation = true;
    lines_.push_back(std::move(line));
  }
  // Marks an alignment point: in a run of adjacent lines with the same shape, the text after the
  // k-th mark starts in the same column on every line.
  // `shape` separates kinds of lines with the same number of marks (a tiers block's items and
  // its bands align separately).
  void AlignMark(int shape = 0) {
    if (inline_mode()) return;
    lines_.back().text += kAlign;
    lines_.back().shape = shape;
  }

  std::string Finish() {
    FlushComments(source_ ? source_->size() + 1 : 0);
    lines_.erase(lines_.begin());  // the placeholder line that starts every printer
    Align();
    std::string out;
    for (const Line& line : lines_) {
      if (line.blank_before && !out.empty()) out += '\n';
      out.append(static_cast<std::size_t>(line.indent) * 2, ' ');
      out += line.text;
      if (!line.comment.empty()) {
        if (!line.text.empty()) out += ' ';
        out += line.comment;
      }
      out += '\n';
    }
    return out;
  }
  std::string InlineText() const { return lines_.back().text; }

  static constexpr char kAlign = '\x01';

 private:
  static std::vector<std::string> Cells(const std::string& text) {
    std::vector<std::string> cells(1);
    for (const char c : text) {
      if (c == kAlign) {
        cells.emplace_back();
      } else if (c == ' ' && cells.size() > 1 && cells.back().empty()) {
        // the padding supplies the space after an alignment mark
      } else {
        cells.back().push_back(c);
      }
    }
    return cells;
  }

  // Pads the cells of each run of adjacent lines (same indent and number of cells, no blank line
  // or comment-only line between) so that their alignment marks line up; then aligns the trailing
  // comments of each run of adjacent code lines.
  void Align() {
    for (std::size_t i = 0; i < lines_.size();) {
      const std::size_t marks = Cells(lines_[i].text).size();
      std::size_t j = i + 1;
      std::vector<std::size_t> run = {i};
      while (marks > 1 && j < lines_.size() && !lines_[j].blank_before) {
        // A run goes on past continuation lines and past a block nested in one of its lines
        // (a match arm's schedule written one band per line), up to the block's `}`.
        const bool nested = lines_[j].indent > lines_[i].indent ||
                            (lines_[j].indent == lines_[i].indent && lines_[j].text == "}" &&
                             lines_[j - 1].indent > lines_[i].indent);
        if (lines_[j].continuation || nested) {
          ++j;
          continue;
        }
        if (lines_[j].indent != lines_[i].indent || lines_[j].shape != lines_[i].shape ||
            Cells(lines_[j].text).size() != marks) {
          break;
        }
        run.push_back(j++);
      }
      if (marks > 1) {
        // Each column starts one space after the furthest end of the text before it, over the
        // lines of the run that have text in that column; an empty cell takes no room. So in a
        // schema only fields with a default push the `=` column right, and descriptions start
        // after the longest `type = default` among the described fields.
        std::vector<std::vector<std::string>> cells;
        for (const std::size_t k : run)
          cells.push_back(Cells(lines_[k].text));
        std::vector<std::size_t> start(marks, 0);
        for (std::size_t c = 1; c < marks; ++c) {
          for (const auto& line : cells) {
            if (line[c].empty()) continue;
            for (std::size_t p = c; p-- > 0;) {
              if (line[p].empty()) continue;
              start[c] = std::max(start[c], start[p] + line[p].size() + 1);
              break;
            }
          }
        }
        for (std::size_t r = 0; r < run.size(); ++r) {
          std::string text;
          for (std::size_t c = 0; c < marks; ++c) {
            if (cells[r][c].empty()) continue;
            text.append(start[c] - std::min(start[c], text.size()), ' ');
            text += cells[r][c];
          }
          lines_[run[r]].text = std::move(text);
        }
      }
      ++i;  // a nested line skipped above starts its own run; aligned lines have no marks left
    }
    // Trailing comments of adjacent code lines that all have one start in the same column.
    for (std::size_t i = 0; i < lines_.size();) {
      std::size_t j = i;
      std::size_t width = 0;
      while (j < lines_.size() && !lines_[j].text.empty() && !lines_[j].comment.empty() &&
             (j == i || !lines_[j].blank_before) && lines_[j].indent == lines_[i].indent) {
        width = std::max(width, lines_[j].text.size());
        ++j;
      }
      if (j - i > 1 && static_cast<std::size_t>(lines_[i].indent) * 2 + width < kFormatWidth) {
        for (std::size_t k = i; k < j; ++k)
          lines_[k].text.resize(width, ' ');
      }
      i = std::max(j, i + 1);
    }
  }

  bool BlankLineBetween(std::uint32_t from, std::uint32_t to) const {
    if (!source_ || from >= to) return false;
    const std::string_view gap = source_->text().substr(from, to - from);
    int newlines = 0;
    for (const char c : gap) {
      if (c == '\n') {
        if (++newlines == 2) return true;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        newlines = 0;
      }
    }
    return false;
  }

  void FlushComments(std::uint32_t before) {
    while (next_ < comments_.size() && comments_[next_].range.begin < before) {
      const Comment& c = comments_[next_++];
      if (c.trailing && lines_.size() > 1 && lines_.back().comment.empty() &&
          !lines_.back().text.empty()) {
        lines_.back().comment = c.text;
      } else {
        Line line;
        line.indent = indent_;
        line.blank_before = !block_start_ && BlankLineBetween(last_end_, c.range.begin);
        line.comment = c.text;
        lines_.push_back(std::move(line));
        block_start_ = false;
      }
      last_end_ = std::max(last_end_, c.range.end);
    }
  }

  const SourceFile* source_;
  std::vector<Comment> comments_;
  std::size_t next_ = 0;
  std::vector<Line> lines_;
  int indent_ = 0;
  bool block_start_ = true;
  std::uint32_t last_end_ = 0;
};

std::string InlineExpr(const ast::Expr& e);

class Formatter {
 public:
  explicit Formatter(Printer& p) : p_(p) {}

  void Decl(const ast::Decl& d);
  void Expr(const ast::Expr& e);

 private:
  // Appends ` text`, or puts `text` on a continuation line when the line would get too long.
  void Tail(const std::string& text) {
    if (!p_.inline_mode() && p_.column() + 1 + text.size() > kFormatWidth) {
      p_.Continue();
      p_.Append(text);
    } else {
      p_.Append(" " + text);
    }
  }
  void Reason(const std::optional<std::string>& reason) {
    if (reason) Tail(Quote(*reason));
  }
  void Effective(const std::optional<ast::Date>& date) {
    if (date) p_.Append(" effective " + DateText(*date));
  }
  // `align`: the band is a line of its own whose values align with the bands around it.
  void Band(const ast::Band& band, bool is_tier, bool align = false);
  static constexpr int kBandShape = 1;
  void Match(const ast::Expr& e);
  void Schedule(const ast::Expr& e);
  void Call(const ast::Expr& e);
  void List(const std::vector<ast::ExprPtr>& items) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) p_.Append(", ");
      Expr(*items[i]);
    }
  }

  void Policy(const ast::Decl& d, const ast::PolicyDecl& p);
  void Enum(const ast::Decl& d, const ast::EnumDecl& e);
  void Schema(const ast::Decl& d, const ast::SchemaDecl& s);
  void Table(const ast::Decl& d, const ast::TableDecl& t);
  void Eligibility(const ast::Decl& d, const ast::EligibilityDecl& e);
  void Tiers(const ast::Decl& d, const ast::TiersDecl& t);
  void Limit(const ast::LimitDecl& l);
  void Rebalance(const ast::Decl& d, const ast::RebalanceDecl& r);

  Printer& p_;
};

std::string InlineExpr(const ast::Expr& e) {
  Printer p(nullptr);
  Formatter(p).Expr(e);
  return p.InlineText();
}

void Formatter::Band(const ast::Band& band, bool is_tier, bool align) {
  if (band.op == ast::BandOp::Else) {
    p_.Append("else");
  } else {
    p_.Append(ast::Spelling(band.op));
    p_.Append(" ");
    Expr(*band.bound);
  }
  p_.Append(":");
  if (align) p_.AlignMark(kBandShape);
  p_.Append(" ");
  if (is_tier && band.keep) p_.Append("keep ");
  Expr(*band.value);
}

void Formatter::Match(const ast::Expr& e) {
  if (p_.inline_mode()) {
    p_.Append("match { ");
    for (std::size_t i = 0; i < e.arms.size(); ++i) {
      const ast::MatchArm& arm = e.arms[i];
      if (i > 0) p_.Append(", ");
      if (arm.label) p_.Append(arm.label->name + ": ");
      if (arm.condition) {
        Expr(*arm.condition);
      } else {
        p_.Append("else");
      }
      p_.Append(" => ");
      Expr(*arm.value);
    }
    p_.Append(" }");
    return;
  }
  p_.Append("match");
  p_.OpenBlock();
  for (std::size_t i = 0; i < e.arms.size(); ++i) {
    const ast::MatchArm& arm = e.arms[i];
    p_.Begin(arm.range.begin);
    if (arm.label) {
      p_.Append(arm.label->name + ":");
      p_.AlignMark();
      p_.Append(" ");
    }
    if (arm.condition) {
      Expr(*arm.condition);
    } else {
      p_.Append("else");
    }
    p_.Append(" => ");
    Expr(*arm.value);
    // An unlabelled arm that starts with `-` or `(` would continue this arm's value: separate it.
    const bool next_needs_comma = i + 1 < e.arms.size() && !e.arms[i + 1].label &&
                                  e.arms[i + 1].condition &&
                                  (InlineExpr(*e.arms[i + 1].condition).front() == '-' ||
                                   InlineExpr(*e.arms[i + 1].condition).front() == '(');
    if (next_needs_comma) p_.Append(",");
    p_.Mark(arm.range.end);
  }
  p_.CloseBlock(e.range.end - 1);
}

void Formatter::Schedule(const ast::Expr& e) {
  if (p_.inline_mode() || p_.column() + InlineExpr(e).size() <= kFormatWidth) {
    p_.Append("schedule ");
    Expr(*e.operands[0]);
    p_.Append(" { ");
    for (std::size_t i = 0; i < e.bands.size(); ++i) {
      if (i > 0) p_.Append(", ");
      Band(e.bands[i], false);
    }
    p_.Append(" }");
    return;
  }
  p_.Append("schedule ");
  Expr(*e.operands[0]);
  p_.OpenBlock();
  for (const ast::Band& band : e.bands) {
    p_.Begin(band.range.begin);
    Band(band, false, /*align=*/true);
    p_.Mark(band.range.end);
  }
  p_.CloseBlock(e.range.end - 1);
}

void Formatter::Call(const ast::Expr& e) {
  p_.Append(e.text + "(");
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    if (i > 0) p_.Append(", ");
    if (e.args[i].name) p_.Append(e.args[i].name->name + ": ");
    Expr(*e.args[i].value);
  }
  if (e.filter) {
    p_.Append(e.args.empty() ? "where " : " where ");
    Expr(*e.filter);
  }
  p_.Append(")");
}

void Formatter::Expr(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::Number:
      p_.Append(e.text);
      return;
    case ast::ExprKind::Percent:
      p_.Append(e.text + "%");
      return;
    case ast::ExprKind::Money:
      p_.Append(e.text + " " + e.currency);
      return;
    case ast::ExprKind::Date:
      p_.Append(DateText(e.date));
      return;
    case ast::ExprKind::Duration:
      p_.Append(fmt::format("{}{}", static_cast<std::uint64_t>(e.number), ast::Spelling(e.unit)));
      return;
    case ast::ExprKind::String:
      p_.Append(Quote(e.text));
      return;
    case ast::ExprKind::Bool:
      p_.Append(e.boolean ? "true" : "false");
      return;
    case ast::ExprKind::Name:
      p_.Append(e.text);
      return;
    case ast::ExprKind::Set:
      p_.Append("{");
      List(e.operands);
      p_.Append("}");
      return;
    case ast::ExprKind::Unary:
      switch (e.unary_op) {
        case ast::UnaryOp::Neg:
          p_.Append("-");
          Expr(*e.operands[0]);
          return;
        case ast::UnaryOp::Not:
          p_.Append("not ");
          Expr(*e.operands[0]);
          return;
        case ast::UnaryOp::IsKnown:
          Expr(*e.operands[0]);
          p_.Append(" is known");
          return;
        case ast::UnaryOp::IsUnknown:
          Expr(*e.operands[0]);
          p_.Append(" is unknown");
          return;
      }
      return;
    case ast::ExprKind::Binary:
      Expr(*e.operands[0]);
      p_.Append(fmt::format(" {} ", ast::Spelling(e.binary_op)));
      Expr(*e.operands[1]);
      return;
    case ast::ExprKind::Call:
      Call(e);
      return;
    case ast::ExprKind::Index:
      p_.Append(e.text + "[");
      Expr(*e.operands[0]);
      p_.Append("]");
      return;
    case ast::ExprKind::If:
      p_.Append("if ");
      Expr(*e.operands[0]);
      p_.Append(" then ");
      Expr(*e.operands[1]);
      p_.Append(" else ");
      Expr(*e.operands[2]);
      return;
    case ast::ExprKind::Match:
      Match(e);
      return;
    case ast::ExprKind::Schedule:
      Schedule(e);
      return;
    case ast::ExprKind::Paren:
      p_.Append("(");
      Expr(*e.operands[0]);
      p_.Append(")");
      return;
  }
}

// ---- declarations --------------------------------------------------------------------------

void Formatter::Policy(const ast::Decl& d, const ast::PolicyDecl& p) {
  p_.Append("policy " + p.name.name);
  if (p.title) p_.Append(" " + Quote(*p.title));
  p_.OpenBlock();
  for (const ast::HeaderItem& item : p.items) {
    p_.Begin(item.range.begin);
    p_.Append(ast::Spelling(item.kind));
    p_.AlignMark();
    p_.Append(" ");
    switch (item.kind) {
      case ast::HeaderItemKind::Effective:
        p_.Append(DateText(item.date));
        break;
      case ast::HeaderItemKind::Currency:
      case ast::HeaderItemKind::Precision:
        p_.Append(item.text);
        break;
      case ast::HeaderItemKind::Version:
      case ast::HeaderItemKind::Owner:
      case ast::HeaderItemKind::Source:
        p_.Append(Quote(item.text));
        break;
    }
    p_.Mark(item.range.end);
  }
  p_.CloseBlock(d.range.end - 1);
}

void Formatter::Enum(const ast::Decl& d, const ast::EnumDecl& e) {
  std::string head = "enum " + e.name.name + (e.ordered ? " ordered" : "");
  std::string flat = head + " { ";
  for (std::size_t i = 0; i < e.labels.size(); ++i) {
    flat += (i > 0 ? ", " : "") + e.labels[i].name;
  }
  flat += " }";
  if (flat.size() <= kFormatWidth) {
    p_.Append(flat);
    return;
  }
  p_.Append(head);
  p_.OpenBlock();
  for (const ast::Identifier& label : e.labels) {
    p_.Begin(label.range.begin);
    p_.Append(label.name + ",");
    p_.Mark(label.range.end);
  }
  p_.CloseBlock(d.range.end - 1);
}

void Formatter::Schema(const ast::Decl& d, const ast::SchemaDecl& s) {
  p_.Append(ast::Spelling(s.kind));
  p_.OpenBlock();
  for (const ast::FieldDecl& f : s.fields) {
    // Three columns in a run of fields: types, `= default`s and descriptions each start in one
    // column (docs/language.md 3.5).
    p_.Begin(f.range.begin);
    p_.Append(f.name.name + ":");
    p_.AlignMark();
    p_.Append(" " + TypeText(f.type));
    p_.AlignMark();
    if (f.default_value) {
      p_.Append(" = ");
      Expr(*f.default_value);
    }
    p_.AlignMark();
    Reason(f.description);
    p_.Mark(f.range.end);
  }
  p_.CloseBlock(d.range.end - 1);
}

void Formatter::Table(const ast::Decl& d, const ast::TableDecl& t) {
  p_.Append("table " + t.name.name);
  Effective(t.effective);
  p_.Append(": " + TypeText(t.key_type) + " -> " + TypeText(t.value_type));
  if (t.data_file) {
    p_.Append(" from " + Quote(*t.data_file));
    return;
  }
  p_.OpenBlock();
  for (const ast::TableRow& row : t.rows) {
    p_.Begin(row.range.begin);
    switch (row.key_kind) {
      case ast::TableKeyKind::String:
        p_.Append(Quote(row.key));
        break;
      case ast::TableKeyKind::Label:
        p_.Append(row.key);
        break;
      case ast::TableKeyKind::Else:
        p_.Append("else");
        break;
    }
    p_.Append(":");
    p_.AlignMark();
    p_.Append(" ");
    Expr(*row.value);
    p_.Mark(row.range.end);
  }
  p_.CloseBlock(d.range.end - 1);
}

void Formatter::Eligibility(const ast::Decl& d, const ast::EligibilityDecl& e) {
  p_.Append("eligibility");
  p_.OpenBlock();
  for (const ast::EligibilityRule& rule : e.rules) {
    p_.Begin(rule.range.begin);
    p_.Append(rule.verb == ast::RuleVerb::Accept ? "accept " : "reject ");
    p_.Append(rule.id.name);
    Effective(rule.effective);
    p_.AlignMark();
    p_.Append(" when ");
    Expr(*rule.condition);
    Reason(rule.reason);
    p_.Mark(rule.range.end);
  }
  p_.CloseBlock(d.range.end - 1);
}

void Formatter::Tiers(const ast::Decl& d, const ast::TiersDecl& t) {
  p_.Append("tiers " + t.name.name);
  Effective(t.effective);
  if (t.title) p_.Append(" " + Quote(*t.title));
  p_.OpenBlock();
  for (std::size_t i = 0; i < t.items.size(); ++i) {
    const ast::TiersItem& item = t.items[i];
    p_.Begin(item.range.begin);
    switch (item.kind) {
      case ast::TiersItemKind::When:
        p_.Append("when");
        p_.AlignMark();
        p_.Append(" ");
        Expr(*item.expr);
        break;
      case ast::TiersItemKind::GroupBy:
        p_.Append("group by");
        p_.AlignMark();
        p_.Append(" ");
        Expr(*item.expr);
        break;
      case ast::TiersItemKind::On:
        p_.Append("on");
        p_.AlignMark();
        p_.Append(" " + item.word.name);
        break;
      case ast::TiersItemKind::Mode:
        p_.Append("mode");
        p_.AlignMark();
        p_.Append(" " + item.word.name);
        break;
      case ast::TiersItemKind::Band:
        Band(item.band, true, /*align=*/true);
        break;
    }
    // A `<` band right after a `when` or `group by` expression would continue it as a
    // comparison: the comma ends the expression.
    const bool expression_item =
        item.kind == ast::TiersItemKind::When || item.kind == ast::TiersItemKind::GroupBy;
    if (expression_item && i + 1 < t.items.size() &&
        t.items[i + 1].kind == ast::TiersItemKind::Band &&
        t.items[i + 1].band.op != ast::BandOp::Else) {
      p_.Append(",");
    }
    p_.Mark(item.range.end);
  }
  p_.CloseBlock(d.range.end - 1);
}

void Formatter::Limit(const ast::LimitDecl& l) {
  p_.Append("limit " + l.name.name);
  Effective(l.effective);
  p_.AlignMark();
  if (l.by) {
    p_.Append(" by ");
    Expr(*l.by);
  }
  if (l.where) {
    p_.Append(" where ");
    Expr(*l.where);
  }
  if (l.on) p_.Append(" on " + l.on->name);
  std::string bound = l.direction == ast::LimitDirection::Max ? "max " : "min ";
  bound += InlineExpr(*l.amount);
  if (l.base) bound += " of " + InlineExpr(*l.base);
  Tail(bound);
  Reason(l.reason);
}

void Formatter::Rebalance(const ast::Decl& d, const ast::RebalanceDecl& r) {
  p_.Append("rebalance " + r.name.name + " when ");
  Expr(*r.trigger);
  p_.OpenBlock();
  for (const ast::RebalanceItem& item : r.items) {
    p_.Begin(item.range.begin);
    p_.Append(ast::Spelling(item.kind));
    p_.AlignMark();
    switch (item.kind) {
      case ast::RebalanceItemKind::TopUp:
        p_.Append(" from " + item.names.front().name);
        break;
      case ast::RebalanceItemKind::Substitute:
        for (std::size_t i = 0; i < item.names.size(); ++i) {
          p_.Append((i > 0 ? ", " : " ") + item.names[i].name);
        }
        break;
      case ast::RebalanceItemKind::Liquidate:
        p_.Append(" by ");
        for (std::size_t i = 0; i < item.order.size(); ++i) {
          if (i > 0) p_.Append(", ");
          Expr(*item.order[i].key);
          switch (item.order[i].direction) {
            case ast::OrderDirection::None:
              break;
            case ast::OrderDirection::Asc:
              p_.Append(" asc");
              break;
            case ast::OrderDirection::Desc:
              p_.Append(" desc");
              break;
          }
        }
        break;
      case ast::RebalanceItemKind::Release:
        if (item.expr) {
          p_.Append(" above ");
          Expr(*item.expr);
        }
        break;
      case ast::RebalanceItemKind::Target:
      case ast::RebalanceItemKind::Cost:
      case ast::RebalanceItemKind::Lot:
      case ast::RebalanceItemKind::MinMove:
      case ast::RebalanceItemKind::MaxMoves:
        p_.Append(" ");
        Expr(*item.expr);
        break;
    }
    p_.Mark(item.range.end);
  }
  p_.CloseBlock(d.range.end - 1);
}

void Formatter::Decl(const ast::Decl& d) {
  p_.Begin(d.range.begin);
  std::visit(
      [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, ast::PolicyDecl>) {
          Policy(d, body);
        } else if constexpr (std::is_same_v<T, ast::ImportDecl>) {
          p_.Append("import " + Quote(body.path));
          if (body.alias) p_.Append(" as " + body.alias->name);
        } else if constexpr (std::is_same_v<T, ast::EnumDecl>) {
          Enum(d, body);
        } else if constexpr (std::is_same_v<T, ast::SchemaDecl>) {
          Schema(d, body);
        } else if constexpr (std::is_same_v<T, ast::LetDecl>) {
          p_.Append("let " + body.name.name);
          if (body.type) p_.Append(": " + TypeText(*body.type));
          p_.Append(" = ");
          Expr(*body.value);
        } else if constexpr (std::is_same_v<T, ast::FnDecl>) {
          p_.Append("fn " + body.name.name + "(");
          for (std::size_t i = 0; i < body.params.size(); ++i) {
            if (i > 0) p_.Append(", ");
            p_.Append(body.params[i].name.name + ": " + TypeText(body.params[i].type));
          }
          p_.Append(")");
          if (body.result) p_.Append(": " + TypeText(*body.result));
          p_.Append(" = ");
          Expr(*body.body);
        } else if constexpr (std::is_same_v<T, ast::TableDecl>) {
          Table(d, body);
        } else if constexpr (std::is_same_v<T, ast::EligibilityDecl>) {
          Eligibility(d, body);
        } else if constexpr (std::is_same_v<T, ast::HaircutDecl>) {
          p_.Append(body.kind == ast::ComponentKind::Haircut ? "haircut " : "margin ");
          p_.Append(body.name.name);
          Effective(body.effective);
          p_.Append(" = ");
          Expr(*body.value);
          Reason(body.reason);
        } else if constexpr (std::is_same_v<T, ast::TiersDecl>) {
          Tiers(d, body);
        } else if constexpr (std::is_same_v<T, ast::LimitDecl>) {
          Limit(body);
        } else if constexpr (std::is_same_v<T, ast::OutputDecl>) {
          p_.Append("output " + body.name.name);
          if (body.type) p_.Append(": " + TypeText(*body.type));
          p_.Append(" = ");
          Expr(*body.value);
          Reason(body.reason);
        } else {
          static_assert(std::is_same_v<T, ast::RebalanceDecl>, "unhandled declaration kind");
          Rebalance(d, body);
        }
      },
      d.body);
  p_.Mark(d.range.end);
}

}  // namespace

std::string Format(const SourceFile& source, const ast::File& file) {
  Printer printer(&source);
  Formatter formatter(printer);
  for (const ast::Decl& d : file.decls)
    formatter.Decl(d);
  return printer.Finish();
}

std::string FormatExpr(const ast::Expr& expr) {
  return InlineExpr(expr);
}

}  // namespace collat::grammar
