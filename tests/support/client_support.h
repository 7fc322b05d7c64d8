// tests/support/client_support.h: running the real client programs the integration tests open
// outputs with, and skipping (locally) or failing (.ci/run) when one is missing.
#pragma once
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "test_support.h"

namespace flgraph::viz {

struct Run {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs a program (no shell) with extra environment entries.
inline Run run_program(const std::vector<std::string>& argv,
                       const std::vector<std::string>& env = {}) {
  testing::TempDir capture;
  const auto out_path = capture / "out";
  const auto err_path = capture / "err";
  const pid_t pid = fork();
  if (pid == 0) {
    const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    for (const auto& entry : env) putenv(const_cast<char*>(entry.c_str()));
    std::vector<std::string> copies = argv;
    std::vector<char*> args;
    for (auto& arg : copies) args.push_back(arg.data());
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
          testing::read_file(out_path), testing::read_file(err_path)};
}

// .ci/run sets FLGRAPH_REQUIRE_CLIENTS=1: there a missing client fails the test, never skips it.
inline bool clients_required() {
  const char* required = std::getenv("FLGRAPH_REQUIRE_CLIENTS");
  return required != nullptr && std::string(required) == "1";
}

}  // namespace flgraph::viz

#define REQUIRE_CLIENT(available, what)                                                           \
  do {                                                                                            \
    if (!(available)) {                                                                           \
      if (::flgraph::viz::clients_required())                                                     \
        FAIL() << what << " is missing; scripts/install-test-clients.sh installs it";             \
      GTEST_SKIP() << what                                                                        \
                   << " is missing; run scripts/install-test-clients.sh (.ci/run fails instead)"; \
    }                                                                                             \
  } while (0)
