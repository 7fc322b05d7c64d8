// custody/media_type.h: what a document is, told by its bytes (libmagic), never by its name.
#pragma once
#include <string>
#include <string_view>

namespace flgraph::custody {

// The MIME type of `head` (the first bytes of a file), e.g. "application/pdf"; when libmagic
// cannot tell, "application/octet-stream".
std::string media_type_of(std::string_view head);

}  // namespace flgraph::custody
