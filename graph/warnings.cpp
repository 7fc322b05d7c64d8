// graph/warnings.cpp: the warning sink, stderr unless replaced.
#include "graph/warnings.h"

#include <iostream>
#include <mutex>
#include <string>
#include <utility>

#include "graph/errors.h"

namespace flgraph::graph {
namespace {

std::mutex& sink_mutex() {
  static std::mutex mutex;
  return mutex;
}

WarningSink& current_sink() {
  static WarningSink sink;
  return sink;
}

}  // namespace

void warn(std::string_view message) {
  WarningSink sink;
  {
    const std::lock_guard lock(sink_mutex());
    sink = current_sink();
  }
  if (sink) {
    sink(message);
    return;
  }
  // Paths and ids in a message come from the user or the data: no terminal control gets through.
  std::cerr << "flgraph: warning: " << escape_controls(message) << '\n';
}

WarningSink set_warning_sink(WarningSink sink) {
  const std::lock_guard lock(sink_mutex());
  return std::exchange(current_sink(), std::move(sink));
}

}  // namespace flgraph::graph
