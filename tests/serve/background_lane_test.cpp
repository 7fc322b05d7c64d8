// tests/serve/background_lane_test.cpp: long questions take turns, at a lower priority, and
// their answers and errors reach the request that asked.
#include "serve/background_lane.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

namespace flgraph::serve {
namespace {

int niceness_of_this_thread() { return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())); }

// Runs `count` questions at once through the lane; returns the most that were inside together.
int most_at_once(BackgroundLane& lane, int count, const std::function<void()>& inside) {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::vector<std::thread> tabs;
  tabs.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    tabs.emplace_back([&] {
      lane.run([&] {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        inside();
        --running;
        return ApiAnswer{200, {}};
      });
    });
  }
  for (auto& tab : tabs) tab.join();
  return most.load();
}

TEST(BackgroundLane, WithOneSlotLongQuestionsRunOneAfterAnother) {
  BackgroundLane lane(1);
  const int most =
      most_at_once(lane, 4, [] { std::this_thread::sleep_for(std::chrono::milliseconds(20)); });
  EXPECT_EQ(most, 1);
}

TEST(BackgroundLane, WithTwoSlotsTwoQuestionsRunTogether) {
  BackgroundLane lane(2);
  // Each question waits for the other: they finish only if both are inside at once.
  std::latch both(2);
  EXPECT_EQ(most_at_once(lane, 2, [&] { both.arrive_and_wait(); }), 2);
}

TEST(BackgroundLane, AQuestionRunsBelowThePriorityOfTheRequestThatAsked) {
  BackgroundLane lane(1);
  const int asking = niceness_of_this_thread();
  int answering = asking;
  int started_by_it = asking;
  lane.run([&] {
    answering = niceness_of_this_thread();
    std::thread helper([&] { started_by_it = niceness_of_this_thread(); });
    helper.join();
    return ApiAnswer{200, {}};
  });
  EXPECT_EQ(answering, std::min(asking + kLongQuestionNiceness, 19));
  EXPECT_EQ(started_by_it, answering);
  EXPECT_EQ(niceness_of_this_thread(), asking);
}

TEST(BackgroundLane, TheAnswerAndWhatTheQuestionThrowsReachTheCaller) {
  BackgroundLane lane(1);
  const auto answer = lane.run([] { return ApiAnswer{404, {{"error", "no such id"}}}; });
  EXPECT_EQ(answer.status, 404);
  EXPECT_EQ(answer.body["error"], "no such id");
  EXPECT_THROW(lane.run([]() -> ApiAnswer { throw std::runtime_error("store gone"); }),
               std::runtime_error);
  // The slot came back after the throw: another question still runs.
  EXPECT_EQ(lane.run([] { return ApiAnswer{200, {}}; }).status, 200);
}

}  // namespace
}  // namespace flgraph::serve
