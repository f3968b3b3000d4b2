// Compiling a policy from text in memory: the in-memory counterpart of compiler/load_program.h's
// CompileFile. The text is parsed as the file `virtual_name`; its imports (and their imports) are
// read from disk relative to that name's directory, each once, as LoadProgram reads them.
#pragma once

#include <string>
#include <string_view>

#include "compiler/check.h"
#include "compiler/load_program.h"

namespace collat::api {

CompiledPolicy CompileText(std::string_view text, const std::string& virtual_name,
                           const DataTableReader& read_data);

}  // namespace collat::api
