#include "runtime/parallel.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace collat::runtime {

void ForEachAccountRange(std::size_t accounts, unsigned threads,
                         const std::function<void(std::size_t, std::size_t)>& work) {
  const std::size_t n = std::min<std::size_t>(threads == 0 ? 1 : threads, accounts);
  if (n <= 1) {
    work(0, accounts);
    return;
  }
  std::vector<std::exception_ptr> errors(n);
  std::vector<std::thread> pool;
  pool.reserve(n);
  for (std::size_t t = 0; t < n; ++t) {
    const std::size_t begin = accounts * t / n;
    const std::size_t end = accounts * (t + 1) / n;
    pool.emplace_back([&work, &errors, t, begin, end] {
      try {
        work(begin, end);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : pool)
    thread.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace collat::runtime
