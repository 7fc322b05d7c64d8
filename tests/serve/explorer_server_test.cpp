// tests/serve/explorer_server_test.cpp: the API on a free port, through a real HTTP client: every
// endpoint against the CLI's --json, every error, the token and Host checks, the headers, and the
// canaries of tests/fixtures/canary in no answer.
#include "serve/explorer_server.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api_server_fixture.h"
#include "test_support.h"

namespace flgraph::testing {
namespace {

TEST_F(ApiServer, EveryEndpointAnswersWhatTheCliAnswers) {
  start();
  EXPECT_EQ(get_json("/api/stats"), cli_json({"stats"}));
  EXPECT_EQ(get_json("/api/entity?id=co-harbor-retail"), cli_json({"show", "co-harbor-retail"}));
  EXPECT_EQ(get_json("/api/trace?from=co-harbor-retail"),
            cli_json({"trace", "--from", "co-harbor-retail"}));
  EXPECT_EQ(
      get_json("/api/trace?from=co-harbor-retail&max_hops=3&temporal=true&min_confidence=0.5"),
      cli_json({"trace", "--from", "co-harbor-retail", "--max-hops", "3", "--temporal",
                "--min-confidence", "0.5"}));
  EXPECT_EQ(get_json("/api/paths?from=co-harbor-retail"),
            cli_json({"paths", "--from", "co-harbor-retail"}));
  EXPECT_EQ(get_json("/api/search?q=Sample%20State%20Trading%20Bureau&limit=3"),
            cli_json({"match", "Sample State Trading Bureau", "--limit", "3"}));
  EXPECT_EQ(get_json("/api/neighbours?id=co-harbor-retail&per_kind=2"),
            cli_json({"show", "co-harbor-retail", "--per-kind", "2"}));
  EXPECT_EQ(get_json("/api/exposure?id=co-harbor-retail"),
            cli_json({"exposure", "co-harbor-retail"}));
  EXPECT_EQ(get_json("/api/exposure?id=co-harbor-retail&max_hops=3&decay=0.5&tolerance_days=10"),
            cli_json({"exposure", "co-harbor-retail", "--max-hops", "3", "--decay", "0.5",
                      "--tolerance-days", "10"}));
}

TEST_F(ApiServer, NeighboursAreCappedPerKindAndTheRestCounted) {
  start();
  auto consigned = [](const nlohmann::json& body) {
    std::size_t count = 0;
    for (const auto& relation : body["relations"])
      if (relation["kind"] == "consigned_to" && relation["direction"] == "in") ++count;
    return count;
  };
  const auto capped = get_json("/api/neighbours?id=co-harbor-retail&per_kind=1");
  EXPECT_EQ(consigned(capped), 1U);
  // Three consignments and two suppliers: one of each is shown, the others counted.
  EXPECT_EQ(capped["relations_omitted"],
            (nlohmann::json{{{"count", 2}, {"direction", "in"}, {"kind", "consigned_to"}},
                            {{"count", 1}, {"direction", "in"}, {"kind", "supplies"}}}))
      << capped.dump();
  const auto all = get_json("/api/neighbours?id=co-harbor-retail");
  EXPECT_EQ(consigned(all), 3U);
  EXPECT_TRUE(all["relations_omitted"].empty());
  EXPECT_EQ(all["relations"], get_json("/api/entity?id=co-harbor-retail")["relations"]);
}

// The search box's promise: the listed name, its short form and its Hangul find one entity.
TEST_F(ApiServer, SearchFindsANameInEveryScriptItIsWrittenIn) {
  db_ = dir_ / "dprk.db";
  const auto imported =
      run_flgraph({"--db", db_.string(), "import",
                   (std::filesystem::path(FLGRAPH_DATASETS) / "dprk-public").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  start();
  for (const std::string query : {"KOREA RUNGRADO", "Rungrado", "조선릉라도무역총회사"}) {
    const auto body = get_json("/api/search?q=" + encoded(query));
    ASSERT_FALSE(body["candidates"].empty()) << query;
    EXPECT_EQ(body["candidates"][0]["id"], "se-rungrado") << query;
    EXPECT_TRUE(body["candidates"][0]["match"].get<bool>()) << query;
  }
}

// The page holds no data, so it needs no token; it and its files come from the binary only.
TEST_F(ApiServer, ThePageAndItsFilesComeFromTheBinaryAndNothingElse) {
  start();
  httplib::Client client("127.0.0.1", port_);
  const auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find(R"(<script type="module" src="/assets/explorer.js">)"),
            std::string::npos);
  EXPECT_FALSE(page->get_header_value("Content-Security-Policy").empty());
  for (const std::string file : {"/assets/explorer.js", "/assets/graph.js", "/assets/api.js",
                                 "/assets/vendor/cytoscape-3.35.0.min.js"}) {
    const auto asset = client.Get(file);
    ASSERT_TRUE(asset) << file;
    EXPECT_EQ(asset->status, 200) << file;
    EXPECT_EQ(asset->get_header_value("Content-Type"), "text/javascript; charset=utf-8") << file;
  }
  EXPECT_GT(client.Get("/assets/vendor/cytoscape-3.35.0.min.js")->body.size(), 400000U);
  // Our own files name no other server: nothing is fetched from a CDN.
  for (const std::string file : {"/", "/assets/explorer.js", "/assets/graph.js", "/assets/api.js",
                                 "/assets/panel.js", "/assets/dom.js", "/assets/explorer.css"}) {
    const auto body = client.Get(file)->body;
    EXPECT_EQ(body.find("http://"), std::string::npos) << file;
    EXPECT_EQ(body.find("https://"), std::string::npos) << file;
  }
  for (const std::string path :
       {"/assets/../CMakeLists.txt", "/assets/%2e%2e/%2e%2e/CMakeLists.txt", "/assets/nothing.js",
        "/assets/vendor/", "/assets//etc/passwd", "/etc/passwd", "/index.html",
        "/assets/vendor/VENDORED.md", "/assets/explorer.js%00.png"}) {
    const auto answer = client.Get(path);
    ASSERT_TRUE(answer) << path;
    EXPECT_GE(answer->status, 400) << path;
    EXPECT_EQ(answer->body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(answer->body.find("add_library"), std::string::npos) << path;
  }
}

// The name index is built when the server starts; a record sealed after that (an import run while
// it serves) must not come back under its old name.
TEST_F(ApiServer, ARecordProtectedWhileTheServerRunsIsNoLongerFound) {
  start();
  const std::string query = "/api/search?q=" + encoded("Pinecrest Trading Ltd.");
  const auto before = get_json(query);
  ASSERT_FALSE(before["candidates"].empty());
  ASSERT_EQ(before["candidates"][0]["id"], "co-pinecrest-trading");
  const auto folder = dir_ / "sealing";
  std::filesystem::create_directories(folder);
  write_file(folder / "nodes.csv",
             "id,kind,name,country,aliases,date_from,date_to,protected\n"
             "co-pinecrest-trading,company,Pinecrest Trading Ltd. (illustrative),HK,,,,true\n");
  const auto sealed = run_flgraph({"--db", db_.string(), "import", folder.string()});
  ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
  const auto after = get_json(query);
  EXPECT_EQ(after.dump().find("co-pinecrest-trading"), std::string::npos) << after.dump();
  EXPECT_EQ(after.dump().find("Pinecrest Trading Ltd. (illustrative)"), std::string::npos);
}

TEST_F(ApiServer, ABadParameterIs400AndNamesIt) {
  start();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/entity", "id"},
      {"/api/entity?id=", "id"},
      {"/api/entity?id=a&id=b", "id"},
      {"/api/entity?id=co-harbor-retail&colour=red", "colour"},
      {"/api/trace?from=co-harbor-retail&max_hops=x", "max_hops"},
      {"/api/trace?from=co-harbor-retail&max_hops=21", "max_hops"},
      {"/api/trace?from=co-harbor-retail&min_confidence=1.5", "min_confidence"},
      {"/api/trace?from=co-harbor-retail&from_date=2023-02-30", "from_date"},
      {"/api/trace?from=co-harbor-retail&from_date=2024-01-01&to_date=2023-01-01", "to_date"},
      {"/api/trace?from=co-harbor-retail&kinds=carries", "kinds"},
      {"/api/trace?from=co-harbor-retail&temporal=yes", "temporal"},
      {"/api/search?q=", "q"},
      {"/api/search?q=Bureau&kind=spaceship", "kind"},
      {"/api/search?q=Bureau&limit=0", "limit"},
      {"/api/neighbours?id=co-harbor-retail&per_kind=0", "per_kind"},
      {"/api/neighbours?per_kind=3", "id"},
      {"/api/exposure?id=co-harbor-retail&max_hops=65", "max_hops"},
      {"/api/exposure?id=co-harbor-retail&decay=2", "decay"},
      {"/api/exposure?id=co-harbor-retail&tolerance_days=-1", "tolerance_days"},
      {"/api/exposure?id=co-harbor-retail&temporal=true", "temporal"},
      {"/api/exposure?id=co-harbor-retail&decay=nan", "decay"},
      {"/api/trace?from=co-harbor-retail&min_confidence=NaN", "min_confidence"},
      {"/api/search?q=%FF%FE", "q"},
      {"/api/entity?id=%C3", "id"},
  };
  for (const auto& [path, parameter] : cases) {
    const auto body = get_json(path, 400);
    EXPECT_EQ(body.value("parameter", ""), parameter) << path << ": " << body.dump();
    EXPECT_FALSE(body.value("error", "").empty()) << path;
  }
}

TEST_F(ApiServer, AnUnknownIdIs404WithTheClosestIds) {
  start();
  const auto body = get_json("/api/entity?id=co-harbor-retai", 404);
  ASSERT_TRUE(body.contains("closest")) << body.dump();
  bool suggested = false;
  for (const auto& hint : body["closest"])
    suggested = suggested || hint["id"] == "co-harbor-retail";
  EXPECT_TRUE(suggested) << body.dump();
  EXPECT_EQ(get_json("/api/trace?from=nobody", 404).value("error", "").find("unknown entity id"),
            0U);
  EXPECT_TRUE(get_json("/api/nothing", 404).contains("error"));
  EXPECT_TRUE(get_json("/elsewhere", 404).contains("error"));
}

TEST_F(ApiServer, WithoutTheTokenNothingIsAnswered) {
  start();
  for (const std::string& authorization : std::vector<std::string>{
           "", "Bearer", "Bearer wrong", "Basic " + server_->token(), server_->token()}) {
    const auto result = get("/api/stats", {{"Authorization", authorization}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401) << authorization;
    EXPECT_EQ(result->body.find("Sample"), std::string::npos);
  }
  // A cookie is no token.
  const auto cookie =
      get("/api/stats", {{"Authorization", ""}, {"Cookie", "token=" + server_->token()}});
  ASSERT_TRUE(cookie);
  EXPECT_EQ(cookie->status, 401);
}

TEST_F(ApiServer, AForeignHostHeaderIs403) {
  start();
  for (const std::string& host :
       std::vector<std::string>{"evil.example:" + std::to_string(port_), "evil.example",
                                "127.0.0.1:" + std::to_string(port_ + 1)}) {
    const auto result = get("/api/stats", {{"Host", host}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 403) << host;
  }
  EXPECT_EQ(get("/api/stats", {{"Host", "localhost:" + std::to_string(port_)}})->status, 200);
}

TEST_F(ApiServer, EachEndpointTakesOneMethodAndBodiesAreLimited) {
  serve::ServeOptions options;
  options.max_body_bytes = 1024;
  start(options);
  httplib::Client client("127.0.0.1", port_);
  const httplib::Headers token = {{"Authorization", "Bearer " + server_->token()}};
  const auto post = client.Post("/api/stats", token, "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET");
  const auto get_a_write = get("/api/judge?a=co-harbor-retail&b=co-harbor-retail&decision=unsure");
  ASSERT_TRUE(get_a_write);
  EXPECT_EQ(get_a_write->status, 405);
  EXPECT_EQ(get_a_write->get_header_value("Allow"), "POST");
  const auto deleted = client.Delete("/api/stats", token);
  EXPECT_EQ(deleted->status, 405);
  EXPECT_EQ(deleted->get_header_value("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(client.Post("/", token, "", "text/plain")->status, 405);  // the page takes no POST
  const auto upload = client.Post("/api/screen", token, std::string(4096, 'x'), "text/csv");
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->status, 413);
  httplib::Request large;
  large.method = "GET";
  large.path = "/api/stats";
  large.headers = token;
  large.headers.emplace("Content-Type", "text/plain");
  large.body = std::string(4096, 'x');
  const auto answer = client.send(large);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 413);
}

TEST_F(ApiServer, EveryAnswerCarriesTheSecurityHeaders) {
  start();
  for (const auto& [path, authorization] : std::vector<std::pair<std::string, std::string>>{
           {"/api/stats", "Bearer " + server_->token()},
           {"/api/stats", "Bearer wrong"},
           {"/api/entity", "Bearer " + server_->token()},
           {"/nowhere", "Bearer " + server_->token()}}) {
    const auto result = get(path, {{"Authorization", authorization}});
    ASSERT_TRUE(result);
    EXPECT_NE(result->get_header_value("Content-Security-Policy").find("default-src 'self'"),
              std::string::npos)
        << path;
    EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(result->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(result->get_header_value("Cache-Control"), "no-store");
  }
}

TEST_F(ApiServer, ItListensOnLoopbackAndStopsWhenAsked) {
  start();
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port_) + "/");
  stop();
  httplib::Client client("127.0.0.1", port_);
  EXPECT_FALSE(client.Get("/api/stats"));
}

// The canary store: every protected value is a marker that must reach no answer.
TEST_F(ApiServer, NoProtectedValueReachesAnyAnswer) {
  db_ = dir_ / "canary.db";
  const auto imported = run_flgraph({"--db", db_.string(), "import", fixture("canary").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  start();
  std::string all;
  const auto exported = run_flgraph({"--db", db_.string(), "export", "--format", "json"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto entities = nlohmann::json::parse(exported.out);
  for (const auto& entity : entities["entities"]) {
    const std::string id = entity["id"];
    all += get("/api/entity?id=" + encoded(id))->body;
    all += get("/api/trace?from=" + encoded(id))->body;
    all += get("/api/paths?from=" + encoded(id))->body;
    all += get("/api/neighbours?per_kind=1&id=" + encoded(id))->body;
    all += get("/api/exposure?id=" + encoded(id))->body;
  }
  // Names and ids of the protected records as a user might type them: an answer may echo what
  // was asked, and nothing else of the record.
  std::vector<std::pair<std::string, std::string>> asked;
  for (const std::string query :
       {"CANARYPERSONNAME", "CANARYALIASONE", "CANARYPERSONID", "CANARYSRCID", "CANARYSRCTITLE"}) {
    asked.emplace_back(query, get("/api/search?q=" + encoded(query))->body);
    asked.emplace_back(query, get("/api/entity?id=" + encoded(query))->body);
    asked.emplace_back(query, get("/api/trace?from=" + encoded(query))->body);
    asked.emplace_back(query, get("/api/neighbours?id=" + encoded(query))->body);
    asked.emplace_back(query, get("/api/exposure?id=" + encoded(query))->body);
  }
  all += get("/api/search?q=Canary%20Supplier%20Trading")->body;
  all += get("/api/stats")->body;
  EXPECT_GT(all.size(), 1000U);
  for (const auto& canary : kCanaries) {
    EXPECT_EQ(all.find(canary), std::string::npos) << canary;
    for (const auto& [query, body] : asked) {
      if (query == canary) continue;
      EXPECT_EQ(body.find(canary), std::string::npos) << canary << ": " << body;
    }
  }
}

}  // namespace
}  // namespace flgraph::testing
