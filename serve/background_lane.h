// serve/background_lane.h: where the API's long questions run. On a large store a trace or an
// exposure score takes seconds and uses the cores it is given, while a search, an entity or its
// neighbours take milliseconds. So long questions run at most `concurrent` at once, each on a
// thread of lower CPU priority (the threads it starts inherit it): the quick requests of other
// tabs keep their milliseconds, and the memory of traces in flight stays bounded.
#pragma once
#include <cstddef>
#include <functional>
#include <semaphore>

#include "serve/api_answer.h"

namespace flgraph::serve {

// How much lower a long question's threads run: nice +10 weighs a tenth of a normal thread.
inline constexpr int kLongQuestionNiceness = 10;

class BackgroundLane {
 public:
  explicit BackgroundLane(std::ptrdiff_t concurrent);
  // Waits for a free slot, then runs `question` on a thread of its own at lower priority and
  // returns its answer; what it throws is thrown here.
  ApiAnswer run(const std::function<ApiAnswer()>& question);

 private:
  std::counting_semaphore<> slots_;
};

// Half the cores, at least one: a trace already splits its cases over two threads.
std::ptrdiff_t default_long_question_slots();

}  // namespace flgraph::serve
