// Streaming a report in one of its renderings, account by account, without a document tree. A
// rendering is a header, one independent piece per account and a footer; pieces of account ranges
// are rendered on `threads` threads into per-range buffers and handed to the sink in account order,
// so the bytes do not depend on the thread count.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "collat/report.h"

namespace collat::runtime {

using collat::Report;

// One rendering of a report. Account() must depend only on the report and the account's index, and
// may be called from several threads at once for different accounts.
class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  virtual void Header(std::string& out) const = 0;
  virtual void Account(std::size_t index, std::string& out) const = 0;
  virtual void Footer(std::string& out) const = 0;
};

// Calls `sink` with consecutive pieces of `writer`'s rendering of `report` (the header, ranges of
// accounts, the footer), in order. At most a few thousand positions per thread are buffered at a
// time. An exception from a writer or the sink propagates after every thread has joined.
void StreamReport(const Report& report, const ReportWriter& writer, unsigned threads,
                  const std::function<void(std::string_view)>& sink);

// The whole rendering as one string.
std::string RenderToString(const Report& report, const ReportWriter& writer, unsigned threads = 1);

}  // namespace collat::runtime
