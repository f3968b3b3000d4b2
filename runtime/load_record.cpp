#include "runtime/load_record.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_set>
#include <utility>

#include <sys/mman.h>

#include <fmt/format.h>

#include "runtime/load_value.h"
#include "runtime/parallel.h"

namespace collat::runtime::load {

// ---- ErrorSink -----------------------------------------------------------------------------

void ErrorSink::Add(DiagnosticKind kind, std::string_view path, std::size_t line,
                    std::string_view message) {
  if (Full()) return;
  ++count_;
  if (count_ > kMaxInputErrors) {
    out_.push_back(MakeDiagnostic(
        DiagnosticKind::input_error, nullptr, {},
        fmt::format("{}: too many errors; stopped after {}", path, kMaxInputErrors)));
    return;
  }
  std::string text = line == 0 ? fmt::format("{}: {}", path, message)
                               : fmt::format("{}:{}: {}", path, line, message);
  out_.push_back(MakeDiagnostic(kind, nullptr, {}, std::move(text)));
}

// ---- RecordParser --------------------------------------------------------------------------

namespace {

void SetFirst(std::string& problem, std::string message) {
  if (problem.empty()) problem = std::move(message);
}

bool IsNumeric(ir::TypeKind kind) {
  return kind == ir::TypeKind::Number || kind == ir::TypeKind::Percent ||
         kind == ir::TypeKind::Money;
}

// "field `price` is not a number: `abc`" and its kin, for a status other than Ok.
std::string NumberProblem(const ir::Field& field, NumberStatus status, std::string_view what,
                          std::string_view text) {
  return status == NumberStatus::NotFinite
             ? fmt::format("field `{}` is not a finite number: `{}`", field.name, Excerpt(text))
             : fmt::format("field `{}` is not {}: `{}`", field.name, what, Excerpt(text));
}

}  // namespace

RecordParser::RecordParser(const ir::Policy& policy, const std::vector<ir::Field>& schema,
                           RecordKind kind)
    : policy_(&policy), schema_(&schema), explicit_currency_(schema.size()) {
  for (std::size_t i = 0; i < schema.size(); ++i) {
    const ir::Field& field = schema[i];
    if (field.type.kind == ir::TypeKind::Money) money_.push_back(i);
    if (field.name == "currency" && field.type.kind == ir::TypeKind::Text) {
      currency_ = static_cast<std::int32_t>(i);
    }
    if (kind == RecordKind::Position && IsNumeric(field.type.kind) &&
        (field.name == "quantity" || field.name == "market_value")) {
      non_negative_.push_back(i);
    }
  }
}

std::int32_t RecordParser::FieldIndex(std::string_view name) const {
  for (std::size_t i = 0; i < schema_->size(); ++i) {
    if ((*schema_)[i].name == name) return static_cast<std::int32_t>(i);
  }
  return -1;
}

std::string RecordParser::Parse(std::span<const RawValue> raw, const Market& market, TextPool& text,
                                std::span<ir::Value> out) {
  std::string problem;
  for (std::size_t i = 0; i < schema_->size(); ++i) {
    explicit_currency_[i] = {};
    out[i] = ParseField(i, raw[i], text, problem);
  }
  if (!money_.empty()) ConvertMoney(market, text, out, problem);
  CheckNotNegative(raw, out, problem);
  return problem;
}

ir::Value RecordParser::ParseField(std::size_t index, const RawValue& raw, TextPool& text,
                                   std::string& problem) {
  const ir::Field& field = (*schema_)[index];
  switch (raw.state) {
    case RawValue::State::Absent:
      return Missing(field, text, problem);
    case RawValue::State::Nested:
      SetFirst(problem,
               fmt::format("field `{}` must be a single value, not a list or mapping", field.name));
      return ir::Value::Unknown();
    case RawValue::State::Text:
      return ParseText(index, raw.text, text, problem);
  }
  return ir::Value::Unknown();
}

ir::Value RecordParser::Missing(const ir::Field& field, TextPool& text,
                                std::string& problem) const {
  if (field.default_value.has_value()) {
    // Text defaults live in default_text and are interned per input; money defaults are already
    // in the base currency (the checker folds them).
    if (field.type.kind == ir::TypeKind::Text)
      return ir::Value::Integer(text.Intern(field.default_text));
    return *field.default_value;
  }
  if (!field.type.optional)
    SetFirst(problem, fmt::format("missing required field `{}`", field.name));
  return ir::Value::Unknown();
}

ir::Value RecordParser::ParseText(std::size_t index, std::string_view raw, TextPool& text,
                                  std::string& problem) {
  const ir::Field& field = (*schema_)[index];
  double number = 0;
  switch (field.type.kind) {
    case ir::TypeKind::Number: {
      const NumberStatus status = ParseNumber(raw, number);
      if (status == NumberStatus::Ok) return ir::Value::Number(number);
      SetFirst(problem, NumberProblem(field, status, "a number", raw));
      return ir::Value::Unknown();
    }
    case ir::TypeKind::Percent: {
      const NumberStatus status = ParsePercent(raw, number);
      if (status == NumberStatus::Ok) return ir::Value::Number(number);
      SetFirst(problem, NumberProblem(field, status, "a percent", raw));
      return ir::Value::Unknown();
    }
    case ir::TypeKind::Money: {
      const NumberStatus status = ParseMoney(raw, number, explicit_currency_[index]);
      if (status == NumberStatus::Ok) return ir::Value::Number(number);  // converted later
      SetFirst(problem, NumberProblem(field, status, "a money amount", raw));
      return ir::Value::Unknown();
    }
    case ir::TypeKind::Bool: {
      bool flag = false;
      if (ParseBool(raw, flag)) return ir::Value::Bool(flag);
      SetFirst(problem,
               fmt::format("field `{}` is not `true` or `false`: `{}`", field.name, Excerpt(raw)));
      return ir::Value::Unknown();
    }
    case ir::TypeKind::Text:
      return ir::Value::Integer(text.Intern(raw));
    case ir::TypeKind::Enum: {
      const auto enum_id = static_cast<std::size_t>(field.type.enum_id);
      if (field.type.enum_id < 0 || enum_id >= policy_->enums.size()) break;
      const ir::EnumInfo& info = policy_->enums[enum_id];
      for (std::size_t label = 0; label < info.labels.size(); ++label) {
        if (info.labels[label] == raw) return ir::Value::Integer(info.Rank(label));
      }
      SetFirst(problem, fmt::format("field `{}`: `{}` is not a label of enum `{}`", field.name,
                                    Excerpt(raw), info.name));
      return ir::Value::Unknown();
    }
    case ir::TypeKind::Date: {
      std::int64_t days = 0;
      if (ParseDate(raw, days)) return ir::Value::Integer(days);
      SetFirst(problem, fmt::format("field `{}` is not a date: `{}`", field.name, Excerpt(raw)));
      return ir::Value::Unknown();
    }
    case ir::TypeKind::Duration: {
      ir::Duration duration;
      if (ParseDuration(raw, duration)) return ir::Value::OfDuration(duration);
      SetFirst(problem,
               fmt::format("field `{}` is not a duration: `{}`", field.name, Excerpt(raw)));
      return ir::Value::Unknown();
    }
    case ir::TypeKind::Error:
      break;
  }
  SetFirst(problem, fmt::format("field `{}` has no valid type in the policy", field.name));
  return ir::Value::Unknown();
}

bool RecordParser::Rate(std::string_view code, const Market& market, double& rate) const {
  if (code == policy_->header.currency) {
    rate = 1;
    return true;
  }
  const auto it = market.fx.find(std::string(code));
  if (it == market.fx.end()) return false;
  rate = it->second;
  return true;
}

void RecordParser::ConvertMoney(const Market& market, const TextPool& text,
                                std::span<ir::Value> out, std::string& problem) {
  // The record's currency: its `currency` field, else the base currency.
  bool found = true;
  double rate = 1;
  if (currency_ >= 0) {
    const ir::Value& currency = out[static_cast<std::size_t>(currency_)];
    if (!currency.known) {
      found = false;  // the currency field's own problem is already noted
    } else if (currency.integer == cached_code_) {
      found = cached_found_;
      rate = cached_rate_;
    } else {
      found = Rate(text.Text(currency.integer), market, rate);
      cached_code_ = currency.integer;
      cached_found_ = found;
      cached_rate_ = rate;
    }
    if (currency.known && !found) {
      SetFirst(problem, fmt::format("no FX rate for `{}`", text.Text(currency.integer)));
    }
  }
  for (const std::size_t i : money_) {
    if (!out[i].known) continue;
    bool field_found = found;
    double field_rate = rate;
    if (!explicit_currency_[i].empty() && currency_ >= 0) {
      // An amount written with a code must agree with the record's `currency`: a silent
      // override would value the record in two currencies at once.
      const ir::Value& currency = out[static_cast<std::size_t>(currency_)];
      if (currency.known && text.Text(currency.integer) != explicit_currency_[i]) {
        SetFirst(problem,
                 fmt::format("field `{}` is in `{}` but field `{}` is `{}`: write the amount "
                             "without a code, or in the record's currency",
                             (*schema_)[i].name, explicit_currency_[i],
                             (*schema_)[static_cast<std::size_t>(currency_)].name,
                             text.Text(currency.integer)));
        out[i] = ir::Value::Unknown();
        continue;
      }
    }
    if (!explicit_currency_[i].empty()) {
      field_found = Rate(explicit_currency_[i], market, field_rate);
      if (!field_found)
        SetFirst(problem, fmt::format("no FX rate for `{}`", explicit_currency_[i]));
    }
    if (!field_found) {
      out[i] = ir::Value::Unknown();
      continue;
    }
    // docs/language.md 15.4: money is quantised once converted to the base currency.
    const std::optional<double> quantised =
        money::Quantise(out[i].number * field_rate, policy_->header.money);
    if (quantised) {
      out[i].number = *quantised;
    } else {
      SetFirst(problem,
               fmt::format("field `{}` is out of range once converted to {}: {} x {} is not below "
                           "10^15 units of the policy's precision ({} decimal places)",
                           (*schema_)[i].name, policy_->header.currency, out[i].number, field_rate,
                           policy_->header.money.places()));
      out[i] = ir::Value::Unknown();
    }
  }
}

void RecordParser::CheckNotNegative(std::span<const RawValue> raw, std::span<ir::Value> out,
                                    std::string& problem) const {
  for (const std::size_t i : non_negative_) {
    if (!out[i].known || !(out[i].number < 0)) continue;
    const std::string_view shown = raw[i].state == RawValue::State::Text ? raw[i].text : "";
    SetFirst(problem,
             fmt::format("field `{}` is negative: `{}`", (*schema_)[i].name, Excerpt(shown)));
    out[i] = ir::Value::Unknown();  // an invalid amount must not count anywhere
  }
}

// ---- PositionWriter ------------------------------------------------------------------------

namespace {

enum class Storage : std::uint8_t { Numbers, Integers, Durations };

Storage StorageOf(ir::TypeKind kind) {
  switch (kind) {
    case ir::TypeKind::Number:
    case ir::TypeKind::Percent:
    case ir::TypeKind::Money:
    case ir::TypeKind::Error:
      return Storage::Numbers;
    case ir::TypeKind::Bool:
    case ir::TypeKind::Text:
    case ir::TypeKind::Enum:
    case ir::TypeKind::Date:
      return Storage::Integers;
    case ir::TypeKind::Duration:
      return Storage::Durations;
  }
  return Storage::Numbers;
}

void AppendValue(Column& column, ir::TypeKind kind, const ir::Value& value) {
  switch (StorageOf(kind)) {
    case Storage::Numbers:
      column.numbers.push_back(value.known ? value.number : 0);
      break;
    case Storage::Integers:
      column.integers.push_back(value.known ? value.integer : 0);
      break;
    case Storage::Durations:
      column.durations.push_back(value.known ? value.duration : ir::Duration{});
      break;
  }
  column.known.push_back(value.known ? 1 : 0);
}

void SetValue(Column& column, ir::TypeKind kind, std::size_t row, const ir::Value& value) {
  switch (StorageOf(kind)) {
    case Storage::Numbers:
      column.numbers[row] = value.known ? value.number : 0;
      break;
    case Storage::Integers:
      column.integers[row] = value.known ? value.integer : 0;
      break;
    case Storage::Durations:
      column.durations[row] = value.known ? value.duration : ir::Duration{};
      break;
  }
  column.known[row] = value.known ? 1 : 0;
}

// Columns at least this big are advised onto transparent huge pages.
constexpr std::size_t kHugeColumnBytes = std::size_t{4} << 20;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

// Grows `items` to `size`, first asking the kernel to back a big buffer with huge pages (only the
// 2 MiB-aligned part of the buffer; a hint the kernel may ignore, with no effect on the values).
template <typename T>
void GrowTo(std::vector<T>& items, std::size_t size) {
  if (size <= items.size()) return;
  if (size > items.capacity()) {
    items.reserve(size);
    const std::size_t bytes = items.capacity() * sizeof(T);
    if (bytes >= kHugeColumnBytes) {
      const auto begin = reinterpret_cast<std::uintptr_t>(items.data());
      const std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
      const std::uintptr_t last = (begin + bytes) & ~(kHugePage - 1);
#ifdef MADV_HUGEPAGE
      if (last > first) {
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
      }
#endif
    }
  }
  items.resize(size);
}

}  // namespace

PositionWriter::PositionWriter(const ir::Policy& policy, const Market& market, TextPool& text,
                               Positions& positions)
    : policy_(&policy),
      market_(&market),
      text_(&text),
      positions_(&positions),
      parser_(policy, policy.position_fields, RecordKind::Position),
      values_(policy.position_fields.size()),
      market_value_(policy.FindPositionField("market_value")) {}

PositionWriter::PositionWriter(const ir::Policy& policy, Input& input)
    : PositionWriter(policy, input.market, input.text, input.positions) {
  input_ = &input;
  input.positions.fields.resize(policy.position_fields.size());
}

PositionWriter PositionWriter::ForRows(const ir::Policy& policy, const Market& market,
                                       TextPool& text, Positions& positions, std::size_t first,
                                       std::size_t count, std::uint32_t source_file) {
  PositionWriter writer(policy, market, text, positions);
  writer.fill_ = true;
  writer.first_ = first;
  writer.next_ = first;
  writer.end_ = first + count;
  writer.fill_file_ = source_file;
  return writer;
}

void PositionWriter::Append(std::string_view id, std::int32_t account,
                            std::span<const RawValue> raw, std::string rejection,
                            std::string_view source_prefix, std::size_t line) {
  Positions& positions = *positions_;
  std::string problem = parser_.Parse(raw, *market_, *text_, values_);
  if (rejection.empty() && id.empty()) rejection = "missing required field `id`";
  if (rejection.empty()) rejection = std::move(problem);
  double market_value = 0;
  if (market_value_ >= 0) {
    const ir::Value& value = values_[static_cast<std::size_t>(market_value_)];
    market_value = value.known ? value.number : 0;
  }
  const auto& schema = parser_.schema();

  if (fill_) {
    if (next_ == end_) {
      overflowed_ = true;
      return;
    }
    const std::size_t row = next_++;
    positions.ids[row].assign(id);
    positions.account[row] = account;
    positions.rejection[row] = std::move(rejection);
    positions.source_file[row] = fill_file_;
    positions.source_line[row] = static_cast<std::uint32_t>(line);
    positions.market_value[row] = market_value;
    for (std::size_t i = 0; i < schema.size(); ++i)
      SetValue(positions.fields[i], schema[i].type.kind, row, values_[i]);
    return;
  }

  positions.ids.emplace_back(id);
  positions.account.push_back(account);
  positions.rejection.push_back(std::move(rejection));
  if (positions.source_prefix.empty() || source_prefix != last_prefix_) {
    last_prefix_.assign(source_prefix);
    last_prefix_index_ = positions.SourcePrefix(source_prefix);
  }
  positions.source_file.push_back(last_prefix_index_);
  positions.source_line.push_back(static_cast<std::uint32_t>(line));
  positions.market_value.push_back(market_value);
  for (std::size_t i = 0; i < schema.size(); ++i) {
    AppendValue(positions.fields[i], schema[i].type.kind, values_[i]);
  }
}

void PositionWriter::Reserve(std::size_t count) {
  Positions& p = *positions_;
  const std::size_t n = p.size() + count;
  p.ids.reserve(n);
  p.account.reserve(n);
  p.rejection.reserve(n);
  p.source_file.reserve(n);
  p.source_line.reserve(n);
  p.market_value.reserve(n);
  const auto& schema = parser_.schema();
  for (std::size_t i = 0; i < schema.size(); ++i) {
    Column& column = p.fields[i];
    switch (StorageOf(schema[i].type.kind)) {
      case Storage::Numbers:
        column.numbers.reserve(n);
        break;
      case Storage::Integers:
        column.integers.reserve(n);
        break;
      case Storage::Durations:
        column.durations.reserve(n);
        break;
    }
    column.known.reserve(n);
  }
}

void GrowRows(const ir::Policy& policy, Positions& p, std::size_t count, unsigned threads) {
  const std::size_t n = p.size() + count;
  p.fields.resize(policy.position_fields.size());
  // One task per column; columns are independent, so threads grow (and so zero) them in parallel.
  std::vector<std::function<void()>> grow = {
      [&p, n] { GrowTo(p.ids, n); },         [&p, n] { GrowTo(p.rejection, n); },
      [&p, n] { GrowTo(p.account, n); },     [&p, n] { GrowTo(p.source_file, n); },
      [&p, n] { GrowTo(p.source_line, n); }, [&p, n] { GrowTo(p.market_value, n); }};
  for (std::size_t i = 0; i < policy.position_fields.size(); ++i) {
    Column& column = p.fields[i];
    switch (StorageOf(policy.position_fields[i].type.kind)) {
      case Storage::Numbers:
        grow.emplace_back([&column, n] { GrowTo(column.numbers, n); });
        break;
      case Storage::Integers:
        grow.emplace_back([&column, n] { GrowTo(column.integers, n); });
        break;
      case Storage::Durations:
        grow.emplace_back([&column, n] { GrowTo(column.durations, n); });
        break;
    }
    grow.emplace_back([&column, n] { GrowTo(column.known, n); });
  }
  // Interleaved so that each thread's share holds big and small columns alike.
  const std::size_t ways = std::max<std::size_t>(1, std::min<std::size_t>(threads, grow.size()));
  ForEachAccountRange(ways, threads, [&grow, ways](std::size_t first, std::size_t last) {
    for (std::size_t w = first; w < last; ++w) {
      for (std::size_t t = w; t < grow.size(); t += ways)
        grow[t]();
    }
  });
}

void TruncateRows(Positions& p, std::size_t size) {
  const auto cut = [size](auto& items) {
    if (items.size() > size) items.resize(size);
  };
  cut(p.ids);
  cut(p.account);
  cut(p.rejection);
  cut(p.source_file);
  cut(p.source_line);
  cut(p.market_value);
  for (Column& column : p.fields) {
    cut(column.numbers);
    cut(column.integers);
    cut(column.durations);
    cut(column.known);
  }
}

// ---- FinishPositions -----------------------------------------------------------------------

namespace {

template <typename T>
void Permute(std::vector<T>& items, const std::vector<std::uint32_t>& order) {
  if (items.empty()) return;
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (const std::uint32_t from : order)
    sorted.push_back(std::move(items[from]));
  items.swap(sorted);
}

// Stable counting sort of the positions by account index.
void GroupByAccount(Input& input) {
  Positions& positions = input.positions;
  if (std::is_sorted(positions.account.begin(), positions.account.end())) return;
  std::vector<std::uint32_t> start(input.accounts.size() + 1, 0);
  for (const std::int32_t account : positions.account)
    ++start[static_cast<std::size_t>(account) + 1];
  for (std::size_t a = 1; a < start.size(); ++a)
    start[a] += start[a - 1];
  std::vector<std::uint32_t> order(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    order[start[static_cast<std::size_t>(positions.account[i])]++] = static_cast<std::uint32_t>(i);
  }
  Permute(positions.ids, order);
  Permute(positions.account, order);
  Permute(positions.rejection, order);
  Permute(positions.source_file, order);
  Permute(positions.source_line, order);
  Permute(positions.market_value, order);
  for (Column& column : positions.fields) {
    Permute(column.numbers, order);
    Permute(column.integers, order);
    Permute(column.durations, order);
    Permute(column.known, order);
  }
}

void SetAccountRanges(Input& input) {
  for (Account& account : input.accounts)
    account.position_count = 0;
  for (const std::int32_t account : input.positions.account) {
    ++input.accounts[static_cast<std::size_t>(account)].position_count;
  }
  std::uint32_t first = 0;
  for (Account& account : input.accounts) {
    account.first_position = first;
    first += account.position_count;
  }
}

// Rejects every repeat of a position id within the accounts [begin, end).
void RejectDuplicateIds(Input& input, std::size_t begin, std::size_t end) {
  Positions& positions = input.positions;
  std::unordered_set<std::string_view> seen;
  for (std::size_t a = begin; a < end; ++a) {
    const Account& account = input.accounts[a];
    seen.clear();
    seen.reserve(account.position_count);
    const std::size_t last = std::size_t{account.first_position} + account.position_count;
    for (std::size_t i = account.first_position; i < last; ++i) {
      const std::string& id = positions.ids[i];
      if (id.empty() || seen.insert(id).second) continue;
      if (positions.rejection[i].empty()) {
        positions.rejection[i] = fmt::format("duplicate position id `{}`", Excerpt(id));
      }
    }
  }
}

}  // namespace

void FinishPositions(Input& input, unsigned threads) {
  GroupByAccount(input);
  SetAccountRanges(input);
  // Accounts own disjoint rows, so ranges of them are checked independently.
  ForEachAccountRange(input.accounts.size(), threads, [&input](std::size_t begin, std::size_t end) {
    RejectDuplicateIds(input, begin, end);
  });
}

}  // namespace collat::runtime::load
