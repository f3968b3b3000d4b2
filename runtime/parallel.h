// Splitting the accounts of an input between threads. Accounts are independent (docs/language.md
// 15.2), so each range is evaluated exactly as it would be on one thread and results land in
// their account's slot: a report does not depend on the thread count.
#pragma once

#include <cstddef>
#include <functional>

namespace collat::runtime {

// Calls `work(begin, end)` for contiguous, disjoint ranges covering [0, accounts): on the calling
// thread when `threads` <= 1 or there is at most one account, else on min(threads, accounts)
// threads. Returns when every call has returned; an exception thrown by one call is rethrown
// here (the first, by range order) after every thread has joined.
void ForEachAccountRange(std::size_t accounts, unsigned threads,
                         const std::function<void(std::size_t, std::size_t)>& work);

}  // namespace collat::runtime
