#include "runtime/report_writer.h"

#include <algorithm>
#include <vector>

#include "runtime/parallel.h"

namespace collat::runtime {
namespace {

// Accounts are grouped into blocks of about this many positions (an account is never split); a
// block is the unit of work, a wave of blocks is rendered before its buffers are flushed.
constexpr std::size_t kBlockPositions = 4096;
constexpr std::size_t kBlocksPerThread = 4;

// Block boundaries: account indices, first 0, last accounts.size().
std::vector<std::size_t> Blocks(const Report& report) {
  std::vector<std::size_t> starts = {0};
  std::size_t positions = 0;
  const std::vector<AccountRecord>& accounts = report.columns().accounts;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    positions += accounts[i].position_count + 1;
    if (positions >= kBlockPositions) {
      starts.push_back(i + 1);
      positions = 0;
    }
  }
  if (starts.back() != accounts.size()) starts.push_back(accounts.size());
  return starts;
}

}  // namespace

void StreamReport(const Report& report, const ReportWriter& writer, unsigned threads,
                  const std::function<void(std::string_view)>& sink) {
  std::string header;
  writer.Header(header);
  sink(header);
  const std::vector<std::size_t> starts = Blocks(report);
  const std::size_t blocks = starts.size() - 1;
  const std::size_t wave = std::max<std::size_t>(1, threads) * kBlocksPerThread;
  std::vector<std::string> buffers(std::min(wave, blocks));
  for (std::size_t first = 0; first < blocks; first += wave) {
    const std::size_t count = std::min(wave, blocks - first);
    ForEachAccountRange(count, threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t b = begin; b < end; ++b) {
        std::string& out = buffers[b];
        out.clear();
        for (std::size_t a = starts[first + b]; a < starts[first + b + 1]; ++a)
          writer.Account(a, out);
      }
    });
    for (std::size_t b = 0; b < count; ++b)
      sink(buffers[b]);
  }
  std::string footer;
  writer.Footer(footer);
  sink(footer);
}

std::string RenderToString(const Report& report, const ReportWriter& writer, unsigned threads) {
  std::string out;
  StreamReport(report, writer, threads, [&out](std::string_view piece) { out.append(piece); });
  return out;
}

}  // namespace collat::runtime
