// serve/background_lane.cpp: a slot, a thread, a lower priority (background_lane.h).
#include "serve/background_lane.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <future>
#include <thread>

namespace flgraph::serve {
namespace {

// On Linux the niceness belongs to the thread: this lowers only the calling thread and the
// threads it starts afterwards. A refusal leaves it at the normal priority, which is still right.
void lower_this_threads_priority() {
  const auto thread = static_cast<id_t>(gettid());
  const int current = getpriority(PRIO_PROCESS, thread);
  static_cast<void>(
      setpriority(PRIO_PROCESS, thread, std::min(current + kLongQuestionNiceness, 19)));
}

// Gives the slot back however the question ends.
class Slot {
 public:
  explicit Slot(std::counting_semaphore<>& slots) : slots_(slots) { slots_.acquire(); }
  ~Slot() { slots_.release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::counting_semaphore<>& slots_;
};

}  // namespace

BackgroundLane::BackgroundLane(std::ptrdiff_t concurrent)
    : slots_(std::max<std::ptrdiff_t>(1, concurrent)) {}

ApiAnswer BackgroundLane::run(const std::function<ApiAnswer()>& question) {
  const Slot slot(slots_);
  std::packaged_task<ApiAnswer()> task(question);
  auto answer = task.get_future();
  std::thread worker([&task] {
    lower_this_threads_priority();
    task();
  });
  worker.join();
  return answer.get();
}

std::ptrdiff_t default_long_question_slots() {
  return std::max<std::ptrdiff_t>(1, std::thread::hardware_concurrency() / 2);
}

}  // namespace flgraph::serve
