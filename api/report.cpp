// Report rendering: through the runtime's own renderers, so the bytes are `collat eval`'s.
#include "collat/report.h"

#include "api/report_convert.h"
#include "runtime/report_json.h"
#include "runtime/report_text.h"

namespace collat {

std::string Report::ToJson() const {
  return runtime::RenderJson(api::ToRuntime(*this));
}

std::string Report::ToText() const {
  return runtime::RenderText(api::ToRuntime(*this));
}

}  // namespace collat
