// The spellings of the public enums.
#include "collat/diagnostic.h"
#include "collat/expected.h"
#include "collat/report.h"
#include "collat/values.h"

namespace collat {

const char* DiagnosticSeverityName(DiagnosticSeverity severity) {
  switch (severity) {
    case DiagnosticSeverity::Error:
      return "error";
    case DiagnosticSeverity::Warning:
      return "warning";
    case DiagnosticSeverity::Note:
      return "note";
  }
  return "error";
}

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid_argument";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Compile:
      return "compile";
    case ErrorCode::Input:
      return "input";
    case ErrorCode::Schema:
      return "schema";
    case ErrorCode::Jit:
      return "jit";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

const char* ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::Number:
      return "number";
    case ValueType::Percent:
      return "percent";
    case ValueType::Money:
      return "money";
    case ValueType::Bool:
      return "bool";
    case ValueType::Text:
      return "text";
    case ValueType::Enum:
      return "enum";
    case ValueType::Date:
      return "date";
    case ValueType::Duration:
      return "duration";
  }
  return "number";
}

}  // namespace collat
