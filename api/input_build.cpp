// InputBuilder::Build(): the builder's values through the loaders' own record parser
// (runtime/load_record.h), so they are checked and converted exactly as a YAML or CSV input is.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "api/diagnostics.h"
#include "api/input_builder_state.h"
#include "api/state.h"
#include "runtime/load_record.h"
#include "runtime/load_value.h"

namespace collat {
namespace {

using runtime::load::RawValue;
using runtime::load::RecordKind;
using runtime::load::RecordParser;

constexpr std::string_view kDisplay = "InputBuilder";

bool IsCurrencyCode(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Text for numbers: the shortest decimal that reads back as the same binary64.
class NumberText {
 public:
  std::string_view Format(double value) {
    const auto result = std::to_chars(buffer_.data(), buffer_.data() + buffer_.size(), value);
    return {buffer_.data(), static_cast<std::size_t>(result.ptr - buffer_.data())};
  }

 private:
  std::array<char, 32> buffer_{};
};

std::string UncleanProblem(std::string_view field) {
  return fmt::format("field `{}` is not UTF-8 text without control characters", field);
}

class Builder {
 public:
  explicit Builder(const InputBuilder::State& state)
      : state_(state), policy_(*state.ir), errors_(diagnostics_) {}

  Expected<Input> Run() {
    if (!state_.usage_error.empty()) {
      return api::MakeError(ErrorCode::InvalidArgument, state_.usage_error);
    }
    auto out = std::make_shared<Input::State>();
    out->schema_key = PolicyAccess::Open(state_.policy).schema_key;
    runtime::Input& input = out->input;
    ValuationDate(input);
    Fx(input);
    Market(input);
    Accounts(input);
    Positions(input);
    if (!diagnostics_.empty()) {
      return api::MakeError(
          ErrorCode::Input,
          fmt::format("the input cannot be evaluated: {}", diagnostics_.front().message),
          api::ToInfos(diagnostics_));
    }
    return InputAccess::Make(std::move(out));
  }

 private:
  void Error(std::string_view message) {
    errors_.Add(DiagnosticKind::input_error, kDisplay, 0, message);
  }

  void ValuationDate(runtime::Input& input) {
    if (!state_.valuation_date) {
      Error("missing `valuation_date` (a date, YYYY-MM-DD)");
      return;
    }
    const Date& d = *state_.valuation_date;
    const std::string text = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    std::int64_t days = 0;
    if (!runtime::load::ParseDate(text, days)) {
      Error(fmt::format("`valuation_date` is not a date: `{}`", text));
      return;
    }
    input.market.valuation_date = days;
  }

  void Fx(runtime::Input& input) {
    const std::string& base = policy_.header.currency;
    for (const auto& [code, rate] : state_.fx) {
      if (!IsCurrencyCode(code)) {
        Error(fmt::format("field `fx`: `{}` is not a currency code (three upper-case letters)",
                          runtime::load::Excerpt(code)));
      } else if (!(rate > 0) || !std::isfinite(rate)) {
        Error(fmt::format("field `fx`: the rate of `{}` is not a positive number: `{}`", code,
                          NumberText().Format(rate)));
      } else if (code == base && rate != 1) {
        Error(fmt::format("field `fx`: the rate of the base currency `{}` must be 1", code));
      } else {
        input.market.fx.emplace(code, rate);
      }
    }
    if (!base.empty()) input.market.fx[base] = 1;
  }

  // Fills `raw` (one per schema field) from a record's values; returns the first field the schema
  // does not declare, or text that is not clean, as a problem.
  std::string Collect(const BuilderRecord& record, const RecordParser& parser,
                      std::vector<RawValue>& raw) {
    std::string problem;
    raw.assign(parser.schema().size(), RawValue{});
    numbers_.resize(parser.schema().size());
    for (const auto& [name, value] : record.fields) {
      const std::int32_t field = parser.FieldIndex(name);
      if (field < 0) {
        if (problem.empty())
          problem = fmt::format("unknown field `{}`", runtime::load::Excerpt(name));
        continue;
      }
      const auto index = static_cast<std::size_t>(field);
      raw[index] = ToRaw(value.kind(), value.number(), value.text(), index);
      if (value.kind() == FieldValue::Kind::Text && problem.empty() &&
          !runtime::load::IsCleanText(value.text())) {
        problem = UncleanProblem(name);
      }
    }
    return problem;
  }

  RawValue ToRaw(FieldValue::Kind kind, double number, std::string_view text, std::size_t index) {
    switch (kind) {
      case FieldValue::Kind::Missing:
        return {};
      case FieldValue::Kind::Number:
        return {RawValue::State::Text, numbers_[index].Format(number)};
      case FieldValue::Kind::Text:
        return {RawValue::State::Text, text};
    }
    return {};
  }

  void Market(runtime::Input& input) {
    RecordParser parser(policy_, policy_.market_fields, RecordKind::Market);
    std::string problem = Collect(state_.market, parser, raw_);
    input.market.fields.assign(policy_.market_fields.size(), ir::Value::Unknown());
    std::string value_problem = parser.Parse(raw_, input.market, input.text, input.market.fields);
    if (problem.empty()) problem = std::move(value_problem);
    if (!problem.empty()) Error(fmt::format("market: {}", problem));
  }

  void Accounts(runtime::Input& input) {
    RecordParser parser(policy_, policy_.account_fields, RecordKind::Account);
    std::unordered_map<std::string_view, std::size_t> ids;
    for (std::size_t a = 0; a < state_.accounts.size(); ++a) {
      const BuilderRecord& record = state_.accounts[a];
      if (record.id.empty() || !runtime::load::IsCleanText(record.id)) {
        Error(fmt::format("account {}: field `id`: {}", a,
                          record.id.empty() ? "an account needs an id"
                                            : "not UTF-8 text without control characters"));
        continue;
      }
      if (const auto [it, added] = ids.emplace(record.id, a); !added) {
        Error(fmt::format("field `id`: duplicate account id `{}` (first is account {})",
                          runtime::load::Excerpt(record.id), it->second));
        continue;
      }
      runtime::Account& account = input.accounts.emplace_back();
      account.id = record.id;
      std::string problem = Collect(record, parser, raw_);
      account.fields.assign(policy_.account_fields.size(), ir::Value::Unknown());
      std::string value_problem = parser.Parse(raw_, input.market, input.text, account.fields);
      account.rejection = problem.empty() ? std::move(value_problem) : std::move(problem);
    }
  }

  void Positions(runtime::Input& input) {
    if (!diagnostics_.empty()) return;  // accounts are missing: positions cannot be placed
    const std::size_t count = state_.position_ids.size();
    if (count > std::numeric_limits<std::uint32_t>::max()) {
      Error("more than 2^32 positions");
      return;
    }
    runtime::load::PositionWriter writer(policy_, input);
    const auto& schema = policy_.position_fields;
    numbers_.resize(schema.size());
    raw_.assign(schema.size(), RawValue{});
    for (std::size_t p = 0; p < count; ++p) {
      std::string rejection;
      if (p < state_.position_problem.size()) rejection = state_.position_problem[p];
      for (std::size_t f = 0; f < schema.size(); ++f) {
        const BuilderColumn& column = state_.columns[f];
        const auto kind = p < column.kind.size() ? static_cast<FieldValue::Kind>(column.kind[p])
                                                 : FieldValue::Kind::Missing;
        const double number = kind == FieldValue::Kind::Number ? column.numbers[p] : 0;
        const std::string_view text =
            kind == FieldValue::Kind::Text ? std::string_view(column.texts[p]) : std::string_view();
        raw_[f] = ToRaw(kind, number, text, f);
        if (kind == FieldValue::Kind::Text && rejection.empty() &&
            !runtime::load::IsCleanText(text)) {
          rejection = UncleanProblem(schema[f].name);
        }
      }
      const std::string& id = state_.position_ids[p];
      if (rejection.empty() && !runtime::load::IsCleanText(id)) rejection = UncleanProblem("id");
      writer.Append(id, static_cast<std::int32_t>(state_.position_account[p]), raw_,
                    std::move(rejection), std::string(kDisplay) + ":position ", p);
    }
    runtime::load::FinishPositions(input);
  }

  const InputBuilder::State& state_;
  const ir::Policy& policy_;
  std::vector<Diagnostic> diagnostics_;
  runtime::load::ErrorSink errors_;
  std::vector<RawValue> raw_;
  std::vector<NumberText> numbers_;  // one buffer per field: raw_ points into them
};

}  // namespace

Expected<Input> BuildInput(const InputBuilder::State& state) {
  return Builder(state).Run();
}

}  // namespace collat
