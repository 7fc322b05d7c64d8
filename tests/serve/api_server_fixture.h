// tests/serve/api_server_fixture.h: a server on a free port over a store imported for the test,
// a real HTTP client, and the CLI's --json as the oracle.
#pragma once
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "serve/explorer_server.h"
#include "test_support.h"

namespace flgraph::testing {

// The protected values of tests/fixtures/canary: none may reach an answer.
inline const std::vector<std::string> kCanaries = {
    "CANARYPERSONNAME",   "CANARYALIASONE", "CANARYATTRIBUTE",     "CANARYPERSONID",
    "CANARYSRCID",        "CANARYSRCTITLE", "CANARYLOCATORSOURCE", "CANARYQUOTEPERSON",
    "CANARYRELATIONNOTE", "1912-12-12"};

// Percent-encodes everything but unreserved characters (RFC 3986).
inline std::string encoded(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

class ApiServer : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_ / "sample.db";
    import_sample(db_);
  }
  void TearDown() override { stop(); }

  void start(serve::ServeOptions options = {}) {
    options.read.database = db_;
    server_ = std::make_unique<serve::ExplorerServer>(std::move(options));
    port_ = server_->bind();
    serving_ = std::thread([this] { server_->serve(); });
    for (int i = 0; i < 500 && !server_->running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(server_->running());
  }
  void stop() {
    if (!server_) return;
    server_->stop();
    serving_.join();
    server_.reset();
  }

  httplib::Result post(const std::string& path, const std::string& body = "",
                       const std::string& content_type = "text/csv") {
    httplib::Client client("127.0.0.1", port_);
    return client.Post(path, {{"Authorization", "Bearer " + server_->token()}}, body, content_type);
  }
  httplib::Result get(const std::string& path, httplib::Headers headers = {}) {
    httplib::Client client("127.0.0.1", port_);
    if (headers.find("Authorization") == headers.end())
      headers.emplace("Authorization", "Bearer " + server_->token());
    return client.Get(path, headers);
  }
  nlohmann::json get_json(const std::string& path, int expected_status = 200) {
    const auto result = get(path);
    EXPECT_TRUE(result) << path;
    if (!result) return {};
    EXPECT_EQ(result->status, expected_status) << path << "\n" << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    return nlohmann::json::parse(result->body);
  }
  nlohmann::json cli_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_.string()});
    args.push_back("--json");
    const auto run = run_flgraph(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return nlohmann::json::parse(run.out);
  }

  TempDir dir_;
  std::filesystem::path db_;
  std::unique_ptr<serve::ExplorerServer> server_;
  std::thread serving_;
  int port_ = 0;
};

}  // namespace flgraph::testing
