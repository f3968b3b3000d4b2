// A read-only memory mapping of a whole regular file opened with OpenRegularFile (read_file.h),
// so a big input is parsed in place, without copying it into buffers. The size is the one fstat
// gives when mapped: bytes appended later are not seen. Contract: the file must not be truncated
// while mapped (reading a page past the new end would fault); collat's inputs are read-only
// files the user owns.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "base/read_file.h"

namespace collat {

class MappedFile {
 public:
  // Maps the file of `fd` (the descriptor may be closed afterwards). `display` names it in the
  // problem returned when it cannot be mapped.
  static std::variant<MappedFile, std::string> Map(const FileDescriptor& fd,
                                                   std::string_view display);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  void Unmap();

  const char* data_ = nullptr;  // null for an empty file
  std::size_t size_ = 0;
};

}  // namespace collat
