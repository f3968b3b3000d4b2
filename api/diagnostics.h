// Converting the engine's diagnostics and failures into the public DiagnosticInfo and ErrorInfo.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "collat/expected.h"

namespace collat::api {

DiagnosticInfo ToInfo(const Diagnostic& diagnostic);
std::vector<DiagnosticInfo> ToInfos(const std::vector<Diagnostic>& diagnostics);

ErrorInfo MakeError(ErrorCode code, std::string message,
                    std::vector<DiagnosticInfo> diagnostics = {});

// An ErrorInfo for an exception that reached the API boundary (out of memory, or a bug).
ErrorInfo InternalError(const char* what);

}  // namespace collat::api
