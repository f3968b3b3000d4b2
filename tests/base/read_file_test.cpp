#include "base/read_file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace collat {
namespace {

std::filesystem::path TempDir() {
  auto dir = std::filesystem::temp_directory_path() / "collat_read_file_test";
  std::filesystem::create_directories(dir);
  return dir;
}

TEST_CASE("reading a missing file is an io_error naming the file", "[base]") {
  const auto result = ReadSourceFile("/nonexistent/collat/policy.collat");
  REQUIRE(std::holds_alternative<Diagnostic>(result));
  const auto& d = std::get<Diagnostic>(result);
  CHECK(d.kind == DiagnosticKind::io_error);
  CHECK(d.message.find("/nonexistent/collat/policy.collat") != std::string::npos);
}

TEST_CASE("reading a directory is an io_error", "[base]") {
  const auto result = ReadSourceFile(TempDir().string());
  REQUIRE(std::holds_alternative<Diagnostic>(result));
  CHECK(std::get<Diagnostic>(result).kind == DiagnosticKind::io_error);
  CHECK(std::get<Diagnostic>(result).message.find("directory") != std::string::npos);
}

TEST_CASE("a file over the size limit is refused without reading it", "[base]") {
  const auto path = TempDir() / "huge.collat";
  {
    std::ofstream out(path, std::ios::binary);
    out.seekp(static_cast<std::streamoff>(kMaxSourceBytes));  // sparse: cheap to make
    out.put('x');
  }
  const auto result = ReadSourceFile(path.string());
  REQUIRE(std::holds_alternative<Diagnostic>(result));
  CHECK(std::get<Diagnostic>(result).kind == DiagnosticKind::file_too_large);
  std::filesystem::remove(path);
}

TEST_CASE("a readable file keeps its bytes exactly, including CRLF and NUL", "[base]") {
  const auto path = TempDir() / "bytes.collat";
  const std::string bytes("a\r\nb\0c", 6);
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  const auto result = ReadSourceFile(path.string());
  REQUIRE(std::holds_alternative<SourceFilePtr>(result));
  CHECK(std::get<SourceFilePtr>(result)->text() == bytes);
  CHECK(std::get<SourceFilePtr>(result)->name() == path.string());
}

}  // namespace
}  // namespace collat
