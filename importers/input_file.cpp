// importers/input_file.cpp: whole-file reads with clear errors.
#include "importers/input_file.h"

#include <fmt/format.h>

#include <fstream>

#include "graph/errors.h"

namespace flgraph::importers {

std::string read_input_file(const std::filesystem::path& path) {
  const InputLocation where{path.string(), 0, ""};
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError::malformed(where, "no such file");
  if (std::filesystem::is_directory(status))
    throw InputError::malformed(where, "is a directory, expected a file");
  if (!std::filesystem::is_regular_file(status))
    throw InputError::malformed(where, "is not a regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError::malformed(where, "cannot read the file size");
  if (size > kMaxInputBytes) {
    throw InputError::malformed(
        where, fmt::format("file of {} bytes is over the limit of {} bytes", size, kMaxInputBytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError::malformed(where, "cannot open the file for reading");
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (!in) throw InputError::malformed(where, "cannot read the file");
  if (data.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError::malformed(where, "empty file");
  return data;
}

}  // namespace flgraph::importers
