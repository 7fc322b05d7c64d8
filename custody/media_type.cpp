// custody/media_type.cpp: libmagic with the system's compiled magic database.
#include "custody/media_type.h"

#include <magic.h>

#include <memory>

namespace flgraph::custody {
namespace {

constexpr const char* kUnknown = "application/octet-stream";

struct CloseMagic {
  void operator()(magic_set* cookie) const { magic_close(cookie); }
};

}  // namespace

std::string media_type_of(std::string_view head) {
  // Opened per call: documents are attached one at a time, and a cookie is not thread-safe.
  const std::unique_ptr<magic_set, CloseMagic> cookie(
      magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS));
  if (!cookie || magic_load(cookie.get(), nullptr) != 0) return kUnknown;
  const char* type = magic_buffer(cookie.get(), head.data(), head.size());
  return type != nullptr && *type != '\0' ? type : kUnknown;
}

}  // namespace flgraph::custody
