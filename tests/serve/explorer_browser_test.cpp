// tests/serve/explorer_browser_test.cpp: the explorer in a real browser, Debian's headless
// chromium driven by playwright-core (tests/clients/explorer_session.js): search -> open ->
// expand -> trace overlay -> date filter -> export, on datasets/dprk-public and on the canary
// store. No request may leave the server, the console stays silent, no CSP violation occurs and
// no protected value reaches the page, a response or a download. A control run does what each
// check must catch, so none of them can pass by being blind. Screenshots are left in the build
// folder (explorer-screenshots/) for a person to look at.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "client_support.h"
#include "serve/explorer_server.h"
#include "test_support.h"
#include "zip_members.h"

namespace flgraph::testing {
namespace {
using viz::run_program;

std::string node_modules() {
  const char* env = std::getenv("FLGRAPH_NODE_MODULES");
  const std::filesystem::path folder = env != nullptr ? env : "/tmp/flgraph-clients/node_modules";
  return std::filesystem::exists(folder / "playwright-core") ? folder.string() : "";
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool has_chromium() { return run_program({"chromium", "--version"}).exit_code == 0; }

class ExplorerInChromium : public ::testing::Test {
 protected:
  void TearDown() override {
    if (!server_) return;
    server_->stop();
    serving_.join();
  }

  void serve(const std::filesystem::path& db) {
    serve::ServeOptions options;
    options.read.database = db;
    server_ = std::make_unique<serve::ExplorerServer>(std::move(options));
    server_->bind();
    serving_ = std::thread([this] { server_->serve(); });
    for (int i = 0; i < 500 && !server_->running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(server_->running());
  }

  // One session; the report of explorer_session.js.
  nlohmann::json session(const std::string& shots, const std::string& query,
                         const std::string& entity, bool control = false,
                         const std::string& protected_query = "") {
    const auto modules = node_modules();
    const auto folder = std::filesystem::path(FLGRAPH_BUILD_DIR) / "explorer-screenshots" / shots;
    std::filesystem::create_directories(folder);
    std::vector<std::string> argv = {
        "timeout",
        "180",
        "node",
        (std::filesystem::path(FLGRAPH_FIXTURES).parent_path() / "clients" / "explorer_session.js")
            .string(),
        server_->url() + "#token=" + server_->token(),
        folder.string(),
        query,
        entity};
    if (control) argv.emplace_back("--control");
    const auto run = run_program(
        argv, {"FLGRAPH_NODE_MODULES=" + modules, "FLGRAPH_PROTECTED_QUERY=" + protected_query});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    if (run.exit_code != 0) return {};
    return nlohmann::json::parse(run.out);
  }

  // What a session must never show: a request to another address, a console message, an
  // uncaught error, a CSP violation.
  std::vector<std::string> problems(const nlohmann::json& report) const {
    std::vector<std::string> found;
    const std::string origin = server_->url();  // http://127.0.0.1:PORT/
    for (const std::string url : report["requests"]) {
      if (!url.starts_with(origin) &&
          !url.starts_with("blob:" + origin.substr(0, origin.size() - 1)))
        found.push_back("request off this server: " + url);
    }
    for (const std::string message : report["console"]) found.push_back("console: " + message);
    for (const std::string error : report["errors"]) found.push_back("page error: " + error);
    for (const std::string violation : report["csp"]) found.push_back("CSP: " + violation);
    return found;
  }

  TempDir dir_;
  std::unique_ptr<serve::ExplorerServer> server_;
  std::thread serving_;
};

#define REQUIRE_BROWSER()                                                                      \
  do {                                                                                         \
    REQUIRE_CLIENT(has_chromium(), "chromium");                                                \
    REQUIRE_CLIENT(!node_modules().empty(), "playwright-core (npm, in FLGRAPH_NODE_MODULES)"); \
  } while (false)

TEST_F(ExplorerInChromium, AnInvestigatorsSessionOnTheCuratedDatasetWorksEndToEnd) {
  REQUIRE_BROWSER();
  const auto db = dir_ / "dprk.db";
  const auto imported =
      run_flgraph({"--db", db.string(), "import",
                   (std::filesystem::path(FLGRAPH_DATASETS) / "dprk-public").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  serve(db);
  // The importer whose detained garments lead back to a CBP finding on a Dandong factory.
  const auto report = session("dprk-public", "POOF APPAREL", "co-poof-apparel");
  ASSERT_FALSE(report.is_null());
  EXPECT_EQ(problems(report), std::vector<std::string>{});
  const auto& steps = report["steps"];
  ASSERT_FALSE(steps["results"].empty());
  EXPECT_EQ(steps["results"][0], "co-poof-apparel");
  EXPECT_EQ(steps["focused"], "co-poof-apparel");  // the keyboard lands on the best result
  EXPECT_GT(steps["nodes_after_open"].get<int>(), 1);
  EXPECT_EQ(steps["nodes_after_open"], steps["canvas_nodes_after_open"]);  // listed as HTML too
  EXPECT_GT(steps["nodes_after_expand"].get<int>(), steps["nodes_after_open"].get<int>());
  EXPECT_GT(steps["trace_paths"].get<int>(), 0) << steps.dump();
  EXPECT_GT(steps["traced_edges"].get<int>(), 0);
  EXPECT_GT(steps["edges_before_filter"].get<int>(), 0);
  const auto& still_shown = steps["edges_after_filter"];
  EXPECT_LT(still_shown.size(), steps["edges_before_filter"].get<std::size_t>());
  for (const std::string edge : still_shown) {
    EXPECT_TRUE(edge.find("..open") != std::string::npos ||
                edge.find("undated") != std::string::npos)
        << edge;
  }
  EXPECT_EQ(steps["edges_after_clearing"], steps["edges_before_filter"]);
  // The timeline: the dated facts, the traced ones marked, linked to the canvas's selection.
  EXPECT_GT(steps["timeline_facts"].get<int>(), 2) << steps.dump();
  EXPECT_GT(steps["timeline_traced"].get<int>(), 0);
  EXPECT_TRUE(steps["timeline_selected"].get<bool>());
  EXPECT_EQ(steps["timeline_marked"], 1);
  // The kind filter hides consigned_to and only that.
  const auto& kind_filtered = steps["edges_after_kind"];
  EXPECT_LT(kind_filtered.size(), steps["edges_before_kind"].get<std::size_t>());
  for (const std::string edge : kind_filtered)
    EXPECT_EQ(edge.find("consigned_to"), std::string::npos) << edge;
  EXPECT_EQ(steps["edges_after_kind_back"], steps["edges_before_kind"]);
  // The downloads are the server's files of the traced selection.
  const auto& downloads = report["downloads"];
  EXPECT_TRUE(downloads["brief"].get<std::string>().starts_with("<!DOCTYPE html>"));
  EXPECT_NE(downloads["graphml"].get<std::string>().find("co-poof-apparel"), std::string::npos);
  EXPECT_NE(downloads["svg"].get<std::string>().find("<svg"), std::string::npos);
  const auto bundle = unzip(read_bytes(downloads["bundle_file"].get<std::string>()));
  EXPECT_TRUE(bundle.contains("flgraph-trace-co-poof-apparel/bundle.json"));
  // The screen resolved the name searched, and left the other row unmatched.
  ASSERT_EQ(steps["screen_rows"].size(), 2U) << steps.dump();
  EXPECT_NE(steps["screen_rows"][0].get<std::string>().find("Poof Apparel"), std::string::npos);
  EXPECT_NE(steps["screen_rows"][1].get<std::string>().find("unmatched"), std::string::npos);
  // The review queue: a pair judged unsure, then undone.
  EXPECT_GT(steps["review_pairs"].get<int>(), 0) << steps["review_status"];
  EXPECT_NE(steps["review_judged"].get<std::string>().find("unsure"), std::string::npos);
  EXPECT_NE(steps["review_undone"].get<std::string>().find("undone"), std::string::npos);
  // The picture is a PNG; the saved view holds ids and positions, no names.
  EXPECT_EQ(report["downloads"]["png"].get<std::string>().substr(0, 8), "iVBORw0K");
  const auto view = nlohmann::json::parse(report["downloads"]["view"].get<std::string>());
  EXPECT_EQ(view["flgraph_view"], 1);
  EXPECT_TRUE(view["positions"].contains("co-poof-apparel"));
  EXPECT_EQ(view.dump().find("Poof"), std::string::npos) << view.dump();
}

TEST_F(ExplorerInChromium, NoProtectedValueReachesThePageAResponseOrADownload) {
  REQUIRE_BROWSER();
  const auto db = dir_ / "canary.db";
  const auto imported = run_flgraph({"--db", db.string(), "import", fixture("canary").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  serve(db);
  // The session also types a protected person's alias into the search box: the alias itself is
  // then on the page, so it is the one canary not looked for.
  const auto report =
      session("canary", "Canary Supplier Trading", "co-supplier", false, "CANARYALIASONE");
  ASSERT_FALSE(report.is_null());
  EXPECT_EQ(problems(report), std::vector<std::string>{});
  EXPECT_EQ(report.value("unread_responses", 0), 0);
  std::string seen = report["dom"].get<std::string>() + report["downloads"].dump();
  for (const auto& [name, content] : unzip(read_bytes(report["downloads"]["bundle_file"])))
    seen += name + content;
  for (const std::string body : report["responses"]) seen += body;
  EXPECT_GT(seen.size(), 10000U);
  for (const std::string canary :
       {"CANARYPERSONNAME", "CANARYATTRIBUTE", "CANARYPERSONID", "CANARYSRCID", "CANARYSRCTITLE",
        "CANARYLOCATORSOURCE", "CANARYQUOTEPERSON", "CANARYRELATIONNOTE", "1912-12-12"}) {
    EXPECT_EQ(seen.find(canary), std::string::npos) << canary;
  }
}

// The control: each check above sees what it is there to see.
TEST_F(ExplorerInChromium, TheChecksCatchAConsoleErrorAForeignRequestAndACspViolation) {
  REQUIRE_BROWSER();
  const auto db = dir_ / "sample.db";
  import_sample(db);
  serve(db);
  const auto report = session("control", "Harbor Retail", "co-harbor-retail", true);
  ASSERT_FALSE(report.is_null());
  const auto found = problems(report);
  auto any = [&](const std::string& prefix) {
    return std::any_of(found.begin(), found.end(),
                       [&](const std::string& problem) { return problem.starts_with(prefix); });
  };
  EXPECT_TRUE(any("request off this server: http://192.0.2.1/")) << ::testing::PrintToString(found);
  EXPECT_TRUE(any("console: error: control")) << ::testing::PrintToString(found);
  EXPECT_TRUE(any("CSP: script-src")) << ::testing::PrintToString(found);
  EXPECT_FALSE(report["control_ran"].get<bool>());  // the inline script was refused
}

}  // namespace
}  // namespace flgraph::testing
