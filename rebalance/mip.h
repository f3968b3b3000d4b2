// A small mixed-integer program and its solution by COIN-OR CBC (the only file that includes CBC
// headers). Minimises; rows are ranges lower <= sum(coef x) <= upper. Internal to rebalance/.
//
// Fixed settings, so that the same program gives the same answer on every machine: one thread,
// CBC's default random seed set explicitly, no log, at most kMaxNodes nodes and
// kTimeLimitSeconds (rebalance.h) of CPU time.
#pragma once

#include <cstdint>
#include <vector>

namespace collat::rebalance {

inline constexpr int kMaxNodes = 200000;

struct Mip {
  struct Row {
    std::vector<int> columns;
    std::vector<double> coefficients;
    double lower = 0;
    double upper = 0;
  };
  std::vector<double> lower;
  std::vector<double> upper;
  std::vector<double> objective;
  std::vector<std::uint8_t> integer;
  std::vector<Row> rows;

  int AddColumn(double lo, double hi, double cost, bool is_integer);
  int AddRow(Row row);  // a column given twice in `row` gets the sum of its coefficients
};

struct MipSolution {
  enum class Status { Optimal, Infeasible, Stopped };  // Stopped: a limit hit; x may be empty
  Status status = Status::Infeasible;
  std::vector<double> x;  // per column; empty when no feasible point was found
};

MipSolution Solve(const Mip& mip);

// The activity of `row` at `x`.
double Activity(const Mip::Row& row, const std::vector<double>& x);

}  // namespace collat::rebalance
