#include "base/source_file.h"

#include <catch2/catch.hpp>

namespace collat {
namespace {

TEST_CASE("source file locates offsets by line and code point column", "[base]") {
  const SourceFile f("f", "ab\n\xE6\x97\xA5x\r\nlast");
  CHECK(f.LineCount() == 3);
  CHECK(f.Locate(0).line == 1);
  CHECK(f.Locate(1).column == 2);
  CHECK(f.Locate(3).line == 2);
  CHECK(f.Locate(3).column == 1);
  // `x` follows a three-byte character: byte offset 6, column 2.
  CHECK(f.Locate(6).column == 2);
  CHECK(f.Locate(9).line == 3);
  CHECK(f.LineText(2) == "\xE6\x97\xA5x");  // the CR of CRLF is not part of the line
  CHECK(f.LineText(3) == "last");
  CHECK(f.LineText(4).empty());
  // Offsets past the end clamp to the end.
  CHECK(f.Locate(1000).line == 3);
  CHECK(f.Locate(1000).column == 5);
}

TEST_CASE("an empty source has one empty line", "[base]") {
  const SourceFile f("f", "");
  CHECK(f.LineCount() == 1);
  CHECK(f.LineText(1).empty());
  CHECK(f.Locate(0).line == 1);
}

}  // namespace
}  // namespace collat
