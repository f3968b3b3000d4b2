// Report rendering: through the runtime's own renderers, so the bytes are `collat eval`'s. The
// views' code lives with the runtime (runtime/report_views.cpp), which builds reports.
#include "collat/report.h"

#include "runtime/report_json.h"
#include "runtime/report_text.h"

namespace collat {

std::string Report::ToJson() const {
  return runtime::RenderJson(*this);
}

std::string Report::ToText() const {
  return runtime::RenderText(*this);
}

}  // namespace collat
