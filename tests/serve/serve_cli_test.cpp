// tests/serve/serve_cli_test.cpp: `flgraph serve` as a user starts it: the URL and token it
// prints, the API behind them, the warning off loopback, and a clean stop on SIGTERM and SIGINT.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <regex>
#include <thread>

#include "test_support.h"

namespace flgraph::testing {
namespace {

// A `flgraph serve` process with its output in files, stopped by a signal in the end.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& db, const std::vector<std::string>& extra) {
    out_ = dir_ / "out";
    err_ = dir_ / "err";
    pid_ = fork();
    if (pid_ == 0) {
      const int out_fd = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int err_fd = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(out_fd, STDOUT_FILENO);
      dup2(err_fd, STDERR_FILENO);
      std::vector<std::string> args = {FLGRAPH_BINARY, "--db", db.string(), "serve", "--port", "0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      argv.reserve(args.size() + 1);
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Waits for the printed URL and token; false after 20 s.
  bool started() {
    const std::regex url(R"(at http://([0-9.]+):([0-9]+)/)");
    const std::regex token(R"(TOKEN'\): ([0-9a-f]{64}))");
    for (int i = 0; i < 2000; ++i) {
      const auto text = read_file(out_);
      std::smatch u, t;
      if (std::regex_search(text, u, url) && std::regex_search(text, t, token)) {
        host_ = u[1];
        port_ = std::stoi(u[2]);
        token_ = t[1];
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  // Sends the signal and waits up to 20 s; the exit code, or -1.
  int stop_with(int signal) {
    kill(pid_, signal);
    for (int i = 0; i < 2000; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }
  httplib::Result get(const std::string& path, const std::string& token) const {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path, {{"Authorization", "Bearer " + token}});
  }
  std::string out() const { return read_file(out_); }
  std::string err() const { return read_file(err_); }
  const std::string& host() const { return host_; }
  const std::string& token() const { return token_; }
  int port() const { return port_; }

 private:
  TempDir dir_;
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  std::string host_, token_;
  int port_ = 0;
};

class ServeCommand : public ::testing::Test {
 protected:
  void SetUp() override { import_sample(db_); }
  TempDir dir_;
  std::filesystem::path db_ = dir_ / "sample.db";
};

TEST_F(ServeCommand, PrintsItsUrlAndTokenAndStopsCleanlyOnSigterm) {
  ServeProcess server(db_, {});
  ASSERT_TRUE(server.started()) << server.out() << server.err();
  EXPECT_EQ(server.host(), "127.0.0.1");
  const auto stats = server.get("/api/stats", server.token());
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->status, 200);
  EXPECT_EQ(server.get("/api/stats", "wrong")->status, 401);
  EXPECT_NE(server.out().find(fmt::format("open the explorer at http://127.0.0.1:{}/#token={}",
                                          server.port(), server.token())),
            std::string::npos)
      << server.out();
  EXPECT_EQ(server.stop_with(SIGTERM), 0) << server.err();
  EXPECT_NE(server.out().find("stopped"), std::string::npos);
}

TEST_F(ServeCommand, StopsCleanlyOnCtrlC) {
  ServeProcess server(db_, {});
  ASSERT_TRUE(server.started()) << server.err();
  EXPECT_EQ(server.stop_with(SIGINT), 0) << server.err();
}

TEST_F(ServeCommand, EachLaunchHasItsOwnToken) {
  ServeProcess first(db_, {});
  ServeProcess second(db_, {});
  ASSERT_TRUE(first.started() && second.started());
  EXPECT_NE(first.token(), second.token());
  EXPECT_EQ(second.get("/api/stats", first.token())->status, 401);
}

TEST_F(ServeCommand, OffLoopbackItWarnsAndStillWantsTheToken) {
  ServeProcess server(db_, {"--listen", "0.0.0.0"});
  ASSERT_TRUE(server.started()) << server.err();
  EXPECT_NE(server.err().find("warning: listening on 0.0.0.0"), std::string::npos) << server.err();
  EXPECT_EQ(server.get("/api/stats", "")->status, 401);
  EXPECT_EQ(server.get("/api/stats", server.token())->status, 200);
  EXPECT_EQ(server.stop_with(SIGTERM), 0);
}

TEST_F(ServeCommand, AMissingStoreOrABadPortFailsBeforeListening) {
  const auto missing = run_flgraph({"--db", (dir_ / "absent.db").string(), "serve"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("absent.db"), std::string::npos) << missing.err;
  const auto port = run_flgraph({"--db", db_.string(), "serve", "--port", "70000"});
  EXPECT_EQ(port.exit_code, 2) << port.err;
  const auto address = run_flgraph({"--db", db_.string(), "serve", "--listen", "10.255.255.1"});
  EXPECT_EQ(address.exit_code, 1) << address.err;
  EXPECT_NE(address.err.find("cannot listen on 10.255.255.1"), std::string::npos) << address.err;
}

TEST_F(ServeCommand, RevealWithoutTheKeyIsRefusedBeforeListening) {
  const auto canary = dir_ / "canary.db";
  ASSERT_EQ(run_flgraph({"--db", canary.string(), "import", fixture("canary").string()}).exit_code,
            0);
  const WithoutKey locked;
  const auto result = run_flgraph({"--db", canary.string(), "serve", "--reveal-protected"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("protection key"), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find("serving"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace flgraph::testing
