// The public Report (include/collat/report.h) from the runtime's (moving its texts), and back for
// rendering: the two mirror each other field for field, so the round trip is exact.
#pragma once

#include "collat/report.h"
#include "runtime/report.h"

namespace collat::api {

Report FromRuntime(runtime::Report&& report);
runtime::Report ToRuntime(const Report& report);

}  // namespace collat::api
