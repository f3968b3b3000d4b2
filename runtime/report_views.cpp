// The non-inline parts of the public report's views (collat/report.h). They live in the runtime,
// which builds and renders reports; the embedding API links them.
#include <algorithm>

#include "collat/report.h"

namespace collat {

const char* StatusName(Status status) {
  switch (status) {
    case Status::Eligible:
      return "eligible";
    case Status::Ineligible:
      return "ineligible";
    case Status::Unknown:
      return "unknown";
    case Status::Rejected:
      return "rejected";
  }
  return "?";
}

std::size_t ComponentList::size() const {
  std::size_t n = 0;
  for (auto it = begin(); it != end(); ++it)
    ++n;
  return n;
}

std::size_t RuleList::size() const {
  std::size_t n = 0;
  const std::uint64_t* words = c_->rule_bits.data() + position_ * c_->rule_words;
  for (std::size_t w = 0; w < c_->rule_words; ++w)
    n += static_cast<std::size_t>(__builtin_popcountll(words[w]));
  return n;
}

const UnknownDetail* PositionView::Detail() const {
  const auto& unknowns = account_->unknowns;
  const auto it = std::lower_bound(
      unknowns.begin(), unknowns.end(), index_,
      [](const UnknownDetail& d, std::size_t position) { return d.position < position; });
  return it != unknowns.end() && it->position == index_ ? &*it : nullptr;
}

std::string_view PositionView::reason() const {
  const std::uint32_t code = c_->reason[index_];
  switch (code) {
    case kReasonPositionRejection:
      return c_->position_rejections[index_];
    case kReasonAccountRejection:
      return account_->rejection;
    case kReasonUnknownDetail: {
      const UnknownDetail* d = Detail();
      return d != nullptr ? std::string_view(d->reason) : std::string_view();
    }
    default:
      return c_->reasons[code];
  }
}

std::span<const std::string> PositionView::missing() const {
  if (c_->reason[index_] != kReasonUnknownDetail) return {};
  const UnknownDetail* d = Detail();
  return d != nullptr ? std::span<const std::string>(d->missing) : std::span<const std::string>();
}

namespace {
const std::shared_ptr<const ReportColumns>& Empty() {
  static const std::shared_ptr<const ReportColumns> empty = std::make_shared<ReportColumns>();
  return empty;
}
}  // namespace

Report::Report() : c_(Empty()) {}

Report::Report(std::shared_ptr<const ReportColumns> columns)
    : c_(columns ? std::move(columns) : Empty()) {}

PositionView Report::position(std::size_t index) const {
  const auto& accounts = c_->accounts;
  // The last account whose first position is at or before `index` (and holds it).
  auto it =
      std::upper_bound(accounts.begin(), accounts.end(), index,
                       [](std::size_t i, const AccountRecord& a) { return i < a.first_position; });
  while (it != accounts.begin()) {
    --it;
    if (index < std::size_t{it->first_position} + it->position_count) break;
  }
  return {c_.get(), &*it, index};
}

}  // namespace collat
