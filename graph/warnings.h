// graph/warnings.h: problems the library recovered from on its own, reported on stderr.
#pragma once
#include <functional>
#include <string_view>

namespace flgraph::graph {

// Receives one warning without its "flgraph: warning: " prefix (one line, no newline).
using WarningSink = std::function<void(std::string_view message)>;

// Reports a problem that did not stop the command, such as a damaged snapshot that was rebuilt.
// By default the line goes to stderr as "flgraph: warning: MESSAGE", control characters escaped.
void warn(std::string_view message);

// Replaces where warnings go (an empty sink restores stderr) and returns the previous sink, so a
// test can capture what a command warned about.
WarningSink set_warning_sink(WarningSink sink);

}  // namespace flgraph::graph
