#include "cli/fail_on.h"

#include <algorithm>

#include <fmt/format.h>

namespace collat::cli {
namespace {

bool Has(const std::vector<std::string>& gates, const std::string& gate) {
  return std::find(gates.begin(), gates.end(), gate) != gates.end();
}

void Breaches(const AccountView& account, std::vector<std::string>& out) {
  for (const LimitResult& l : account.limits()) {
    if (!l.breached) continue;
    const std::string group = l.group.empty() ? "" : fmt::format(" (group {})", l.group);
    if (l.is_max) {
      out.push_back(fmt::format("breach: account {}: limit {}{} excess {:.2f}", account.id(), l.id,
                                group, l.excess));
    } else {
      out.push_back(fmt::format("breach: account {}: limit {}{} shortfall {:.2f}", account.id(),
                                l.id, group, l.shortfall));
    }
  }
}

void Calls(const AccountView& account, std::vector<std::string>& out) {
  for (const OutputResult& o : account.outputs()) {
    if (o.name != "delivery" || o.type != ValueType::Money) continue;
    if (!o.known) {
      out.push_back(fmt::format("call: account {}: delivery is unknown", account.id()));
    } else if (o.number > 0) {
      out.push_back(fmt::format("call: account {}: delivery {:.2f}", account.id(), o.number));
    }
  }
}

void Statuses(const AccountView& account, Status status, const std::string& gate,
              std::vector<std::string>& out) {
  for (const PositionView p : account.positions()) {
    if (p.status() != status) continue;
    out.push_back(fmt::format("{}: account {}: position {}", gate, account.id(), p.id()));
  }
}

}  // namespace

const std::vector<std::string>& GateNames() {
  static const std::vector<std::string> names = {"breach", "call", "unknown", "rejected"};
  return names;
}

std::optional<std::string> CheckGates(const std::vector<std::string>& gates,
                                      const ir::Policy& policy) {
  if (!Has(gates, "call")) return std::nullopt;
  const bool has_delivery =
      std::any_of(policy.outputs.begin(), policy.outputs.end(), [](const ir::Output& o) {
        return o.name == "delivery" && o.type.kind == ir::TypeKind::Money;
      });
  if (has_delivery) return std::nullopt;
  return "`--fail-on call` needs a money output named `delivery`, and this policy has none";
}

std::vector<std::string> FailedGates(const std::vector<std::string>& gates, const Report& report) {
  std::vector<std::string> out;
  for (const AccountView account : report.accounts()) {
    if (Has(gates, "breach")) Breaches(account, out);
    if (Has(gates, "call")) Calls(account, out);
    if (Has(gates, "unknown")) Statuses(account, Status::Unknown, "unknown", out);
    if (Has(gates, "rejected")) {
      if (!account.rejection().empty()) {
        out.push_back(fmt::format("rejected: account {}: {}", account.id(), account.rejection()));
      }
      Statuses(account, Status::Rejected, "rejected", out);
    }
  }
  return out;
}

}  // namespace collat::cli
