#include "rebalance/mip.h"

#include <map>

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include "rebalance/rebalance.h"

namespace collat::rebalance {

int Mip::AddColumn(double lo, double hi, double cost, bool is_integer) {
  lower.push_back(lo);
  upper.push_back(hi);
  objective.push_back(cost);
  integer.push_back(is_integer ? 1 : 0);
  return static_cast<int>(lower.size() - 1);
}

int Mip::AddRow(Row row) {
  // One coefficient per column (CLP's factorisation asserts on repeated entries), zeros dropped.
  std::map<int, double> merged;
  for (std::size_t k = 0; k < row.columns.size(); ++k)
    merged[row.columns[k]] += row.coefficients[k];
  row.columns.clear();
  row.coefficients.clear();
  for (const auto& [column, coefficient] : merged) {
    if (coefficient == 0) continue;
    row.columns.push_back(column);
    row.coefficients.push_back(coefficient);
  }
  rows.push_back(std::move(row));
  return static_cast<int>(rows.size() - 1);
}

double Activity(const Mip::Row& row, const std::vector<double>& x) {
  double sum = 0;
  for (std::size_t k = 0; k < row.columns.size(); ++k)
    sum += row.coefficients[k] * x[static_cast<std::size_t>(row.columns[k])];
  return sum;
}

MipSolution Solve(const Mip& mip) {
  MipSolution out;
  const int columns = static_cast<int>(mip.lower.size());
  if (columns == 0) {
    // Nothing to choose: feasible when every row holds at zero.
    for (const Mip::Row& row : mip.rows) {
      if (row.lower > 0 || row.upper < 0) return out;
    }
    out.status = MipSolution::Status::Optimal;
    return out;
  }
  CoinPackedMatrix matrix(false, 0, 0);  // row-ordered
  matrix.setDimensions(0, columns);
  std::vector<double> row_lower;
  std::vector<double> row_upper;
  for (const Mip::Row& row : mip.rows) {
    matrix.appendRow(static_cast<int>(row.columns.size()), row.columns.data(),
                     row.coefficients.data());
    row_lower.push_back(row.lower);
    row_upper.push_back(row.upper);
  }
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, mip.lower.data(), mip.upper.data(), mip.objective.data(),
                     row_lower.data(), row_upper.data());
  for (int c = 0; c < columns; ++c) {
    if (mip.integer[static_cast<std::size_t>(c)] != 0) solver.setInteger(c);
  }
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.setNumberThreads(0);
  model.setRandomSeed(1234567);
  model.setMaximumSeconds(kTimeLimitSeconds);
  model.setMaximumNodes(kMaxNodes);
  model.setAllowableGap(1e-9);
  model.setAllowableFractionGap(0);
  model.branchAndBound();
  const double* best = model.bestSolution();
  if (best != nullptr) out.x.assign(best, best + columns);
  if (model.isProvenOptimal() && best != nullptr) {
    out.status = MipSolution::Status::Optimal;
  } else if (model.isProvenInfeasible()) {
    out.status = MipSolution::Status::Infeasible;
    out.x.clear();
  } else {
    out.status = MipSolution::Status::Stopped;
  }
  return out;
}

}  // namespace collat::rebalance
