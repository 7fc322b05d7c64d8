// importers/input_file.cpp: whole-file reads and streams, with clear errors.
#include "importers/input_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "graph/errors.h"

namespace flgraph::importers {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::uintmax_t checked_size(const std::filesystem::path& path, const InputLocation& where) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError::malformed(where, "no such file");
  if (std::filesystem::is_directory(status))
    throw InputError::malformed(where, "is a directory, expected a file");
  if (!std::filesystem::is_regular_file(status))
    throw InputError::malformed(where, "is not a regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError::malformed(where, "cannot read the file size");
  return size;
}

std::unique_ptr<std::ifstream> open_file(const std::filesystem::path& path,
                                         const InputLocation& where) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) throw InputError::malformed(where, "cannot open the file for reading");
  return in;
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path) {
  const InputLocation where{path.string(), 0, ""};
  const auto size = checked_size(path, where);
  if (size > kMaxInputBytes) {
    throw InputError::malformed(
        where, fmt::format("file of {} bytes is over the limit of {} bytes", size, kMaxInputBytes));
  }
  const auto in = open_file(path, where);
  std::string data(static_cast<std::size_t>(size), '\0');
  in->read(data.data(), static_cast<std::streamsize>(size));
  if (!*in) throw InputError::malformed(where, "cannot read the file");
  if (std::all_of(data.begin(), data.end(), is_blank))
    throw InputError::malformed(where, "empty file");
  return data;
}

InputStream open_input_stream(const std::filesystem::path& path) {
  const InputLocation where{path.string(), 0, ""};
  InputStream stream{nullptr, checked_size(path, where)};
  stream.in = open_file(path, where);
  // Read only as far as the first byte that is not blank, usually the first.
  std::array<char, 4096> block{};
  for (;;) {
    stream.in->read(block.data(), block.size());
    const auto got = static_cast<std::size_t>(stream.in->gcount());
    if (stream.in->bad()) throw InputError::malformed(where, "cannot read the file");
    if (!std::all_of(block.begin(), block.begin() + static_cast<std::ptrdiff_t>(got), is_blank))
      break;
    if (got < block.size()) throw InputError::malformed(where, "empty file");
  }
  stream.in->clear();
  stream.in->seekg(0);
  if (!*stream.in) throw InputError::malformed(where, "cannot read the file");
  return stream;
}

}  // namespace flgraph::importers
