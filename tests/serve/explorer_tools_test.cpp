// tests/serve/explorer_tools_test.cpp: the explorer's downloads, supplier screen and review queue
// over HTTP: each is the CLI's own output for the same question, its errors name the parameter
// or the line, a read-only server refuses judgements, and no canary reaches a download.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "api_server_fixture.h"
#include "test_support.h"
#include "zip_members.h"

namespace flgraph::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class ExplorerTools : public ApiServer {
 protected:
  void use_dprk_public() {
    db_ = dir_ / "dprk.db";
    const auto imported =
        run_flgraph({"--db", db_.string(), "import",
                     (std::filesystem::path(FLGRAPH_DATASETS) / "dprk-public").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  // A download's bytes, after checking its status and that it is sent as an attachment.
  std::string download(const std::string& query, const std::string& filename) {
    const auto result = get("/api/download?" + query);
    EXPECT_TRUE(result) << query;
    if (!result) return "";
    EXPECT_EQ(result->status, 200) << query << "\n" << result->body;
    EXPECT_EQ(result->get_header_value("Content-Disposition"),
              "attachment; filename=\"" + filename + "\"");
    return result->body;
  }
  std::string cli_out(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_.string()});
    const auto run = run_flgraph(args);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.out;
  }
};

TEST_F(ExplorerTools, DownloadsAreTheCliExportsOfTheSameSelection) {
  start();
  const std::string ids = "co-harbor-retail,sh-2019-11-02-nws";
  EXPECT_EQ(download("format=graphml&ids=" + ids, "flgraph-selection.graphml"),
            cli_out({"export", "--format", "graphml", "--ids", ids}));
  EXPECT_EQ(download("format=gexf&ids=" + ids, "flgraph-selection.gexf"),
            cli_out({"export", "--format", "gexf", "--ids", ids}));
  // The same selection as a POST body, one id a line (a canvas too large for an address).
  const auto posted =
      post("/api/download?format=gexf", "co-harbor-retail\nsh-2019-11-02-nws\n", "text/plain");
  ASSERT_EQ(posted->status, 200) << posted->body;
  EXPECT_EQ(posted->body, cli_out({"export", "--format", "gexf", "--ids", ids}));
  EXPECT_EQ(download("format=svg&from=co-harbor-retail&max_hops=4&temporal=true",
                     "flgraph-trace-co-harbor-retail.svg"),
            cli_out({"export", "--format", "svg", "--trace-from", "co-harbor-retail", "--max-hops",
                     "4", "--temporal"}));
  EXPECT_EQ(download("format=ftm&from=co-harbor-retail", "flgraph-trace-co-harbor-retail.ftm.json"),
            cli_out({"export", "--format", "ftm", "--trace-from", "co-harbor-retail"}));

  // The brief and the bundle: the very files the CLI writes.
  const auto brief_dir = dir_ / "brief";
  cli_out({"brief", "co-harbor-retail", "-o", brief_dir.string()});
  EXPECT_EQ(download("format=brief&id=co-harbor-retail", "flgraph-brief-co-harbor-retail.html"),
            read_file(brief_dir / "brief.html"));
  const auto bundle_dir = dir_ / "bundle";
  cli_out({"export", "--format", "bundle", "--trace-from", "co-harbor-retail", "-o",
           bundle_dir.string()});
  const std::string zip =
      download("format=bundle&from=co-harbor-retail", "flgraph-trace-co-harbor-retail-bundle.zip");
  ASSERT_EQ(zip.substr(0, 2), "PK");
  const auto members = unzip(zip);
  std::size_t files = 0;
  for (const auto& item : std::filesystem::recursive_directory_iterator(bundle_dir)) {
    if (!item.is_regular_file()) continue;
    ++files;
    const auto name = "flgraph-trace-co-harbor-retail/" +
                      item.path().lexically_relative(bundle_dir).generic_string();
    ASSERT_TRUE(members.contains(name)) << name;
    EXPECT_EQ(members.at(name), read_file(item.path())) << name;
  }
  EXPECT_GE(files, 3U);
  EXPECT_EQ(members.size(), files);
  // The bundle downloaded verifies as one the CLI wrote.
  const auto unpacked = dir_ / "unpacked";
  for (const auto& [name, content] : members) {
    std::filesystem::create_directories((unpacked / name).parent_path());
    std::ofstream(unpacked / name, std::ios::binary) << content;
  }
  const auto verified =
      run_flgraph({"verify", (unpacked / "flgraph-trace-co-harbor-retail").string(), "--json"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

TEST_F(ExplorerTools, ABadDownloadIs400NamingTheParameterOr404WithTheClosestIds) {
  start();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/download?ids=co-harbor-retail", "format"},
      {"/api/download?format=pdf&ids=co-harbor-retail", "format"},
      {"/api/download?format=svg", "ids"},
      {"/api/download?format=svg&ids=co-harbor-retail&from=co-harbor-retail", "ids"},
      {"/api/download?format=svg&from=co-harbor-retail&max_hops=99", "max_hops"},
      {"/api/download?format=svg&ids=co-harbor-retail&decay=0.5", "decay"},
      {"/api/download?format=brief", "id"},
      {"/api/download?format=brief&id=co-harbor-retail&from=co-harbor-retail", "from"},
      {"/api/download?format=brief&id=co-harbor-retail&as_of=2023-13-01", "as_of"},
  };
  for (const auto& [path, parameter] : cases) {
    const auto body = get_json(path, 400);
    EXPECT_EQ(body.value("parameter", ""), parameter) << path << ": " << body.dump();
  }
  // A canvas too large for an address sends its ids as the body of a POST; still bounded.
  std::string many;
  for (int i = 0; i < 20001; ++i) many += "x\n";
  const auto too_many = post("/api/download?format=svg", many, "text/plain");
  EXPECT_EQ(too_many->status, 400);
  EXPECT_EQ(nlohmann::json::parse(too_many->body).value("parameter", ""), "ids");
  const auto unknown = get_json("/api/download?format=brief&id=co-harbor-retai", 404);
  EXPECT_FALSE(unknown["closest"].empty()) << unknown.dump();
}

TEST_F(ExplorerTools, AnUploadedSupplierListIsScreenedAsTheCliScreensIt) {
  start();
  const std::string list =
      "name,country\nHarbor Retail Group,US\nSample State Trading Bureau,KP\nNobody At All,DE\n";
  const auto file = dir_ / "suppliers.csv";
  std::ofstream(file) << list;
  const auto result = post("/api/screen", list);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  auto answered = nlohmann::json::parse(result->body);
  auto expected = cli_json({"screen", file.string()});
  EXPECT_EQ(answered["file"], "uploaded list");
  answered["file"] = expected["file"];
  EXPECT_EQ(answered, expected);
  // The options are the CLI's.
  auto strict = nlohmann::json::parse(post("/api/screen?threshold=0.99&max_hops=2", list)->body);
  auto strict_cli = cli_json({"screen", file.string(), "--threshold", "0.99", "--max-hops", "2"});
  strict["file"] = strict_cli["file"];
  EXPECT_EQ(strict, strict_cli);
}

TEST_F(ExplorerTools, ABrokenSupplierListIs400WithItsLineAndChangesNothing) {
  start();
  const auto before = read_file(db_);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"name,country\nHarbor Retail Group,XX\n", "uploaded list:2"},
      {"name,country\nHarbor Retail Group,US,extra\n", "uploaded list:2"},
      {"country\nUS\n", "uploaded list:1"},
      {"name\n\"unterminated\n", "uploaded list:2"},
  };
  for (const auto& [list, where] : cases) {
    const auto result = post("/api/screen", list);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400) << list << result->body;
    EXPECT_NE(nlohmann::json::parse(result->body).value("error", "").find(where), std::string::npos)
        << result->body;
  }
  EXPECT_EQ(nlohmann::json::parse(post("/api/screen", "")->body).value("parameter", ""), "body");
  EXPECT_EQ(nlohmann::json::parse(post("/api/screen?country=Atlantis", "name\nA\n")->body)
                .value("parameter", ""),
            "country");
  EXPECT_EQ(read_file(db_), before);
}

TEST_F(ExplorerTools, TheReviewQueueIsResolveAndItsJudgementsCanBeUndone) {
  use_dprk_public();
  start();
  const auto queue = get_json("/api/review");
  EXPECT_EQ(queue, cli_json({"resolve", "--auto"}));
  ASSERT_FALSE(queue["pairs"].empty());
  const std::string a = queue["pairs"][0]["a"]["id"];
  const std::string b = queue["pairs"][0]["b"]["id"];
  const auto judged = post("/api/judge?a=" + a + "&b=" + b + "&decision=positive");
  ASSERT_TRUE(judged);
  ASSERT_EQ(judged->status, 200) << judged->body;
  const auto judgement = nlohmann::json::parse(judged->body)["judgement"];
  EXPECT_EQ(judgement["decision"], "positive");
  auto has_same_as = [&] {
    const auto entity = get_json("/api/entity?id=" + a);
    for (const auto& relation : entity["relations"])
      if (relation["kind"] == "same_as") return true;
    return false;
  };
  EXPECT_TRUE(has_same_as());
  EXPECT_TRUE(get_json("/api/review")["pairs"].empty());  // a judged pair is not proposed again
  const auto undone = post("/api/undo?id=" + std::to_string(judgement["id"].get<int>()));
  ASSERT_EQ(undone->status, 200) << undone->body;
  EXPECT_TRUE(nlohmann::json::parse(undone->body)["judgement"]["undone"].get<bool>());
  EXPECT_FALSE(has_same_as());
  EXPECT_EQ(get_json("/api/review"), queue);
  EXPECT_EQ(nlohmann::json::parse(post("/api/judge?a=" + a + "&b=" + b + "&decision=maybe")->body)
                .value("parameter", ""),
            "decision");
  EXPECT_EQ(post("/api/undo?id=0")->status, 400);
  EXPECT_EQ(post("/api/judge?a=" + a + "&b=nobody&decision=unsure")->status, 404);
}

TEST_F(ExplorerTools, ANeighbourIsMarkedDesignatedBeforeItIsOpened) {
  use_dprk_public();
  start();
  // OFAC's 2016 finding names four state trading companies, each on a sanctions list.
  const auto finding = get_json("/api/neighbours?id=ca-ofac-labour-export-2016");
  ASSERT_FALSE(finding["relations"].empty());
  std::size_t marked = 0;
  for (const auto& relation : finding["relations"]) {
    const std::string other = relation["other"];
    const bool designated = !get_json("/api/entity?id=" + other)["designations"].empty();
    EXPECT_EQ(relation["other_designated"].get<bool>(), designated) << other;
    if (designated) ++marked;
  }
  EXPECT_GE(marked, 4U);
}

TEST_F(ExplorerTools, AReadOnlyServerRefusesJudgementsAndChangesNothing) {
  use_dprk_public();
  serve::ServeOptions options;
  options.read_only = true;
  start(options);
  EXPECT_EQ(get_json("/api/server")["read_only"], true);
  const auto queue = get_json("/api/review");
  ASSERT_FALSE(queue["pairs"].empty());
  const std::string a = queue["pairs"][0]["a"]["id"];
  const std::string b = queue["pairs"][0]["b"]["id"];
  const auto before = read_file(db_);
  for (const std::string& path :
       {"/api/judge?a=" + a + "&b=" + b + "&decision=positive", std::string("/api/undo?id=1")}) {
    const auto result = post(path);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 403) << path;
    EXPECT_NE(result->body.find("read-only"), std::string::npos);
  }
  EXPECT_EQ(read_file(db_), before);
  EXPECT_EQ(get_json("/api/review"), queue);
}

// The canary store: no download and no screen answer holds a protected value.
TEST_F(ExplorerTools, NoProtectedValueReachesADownloadOrAScreen) {
  db_ = dir_ / "canary.db";
  const auto imported = run_flgraph({"--db", db_.string(), "import", fixture("canary").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  start();
  const auto entities = nlohmann::json::parse(cli_out({"export", "--format", "json"}));
  std::string all_ids;
  std::string seen;
  for (const auto& entity : entities["entities"]) {
    const std::string id = entity["id"];
    all_ids += encoded(id) + ",";
    seen += get("/api/download?format=brief&id=" + encoded(id))->body;
    const auto bundle = get("/api/download?format=bundle&from=" + encoded(id));
    for (const auto& [name, content] : unzip(bundle->body)) seen += name + content;
  }
  for (const std::string format : {"json", "graphml", "gexf", "ftm", "dot", "svg"})
    seen += get("/api/download?format=" + format + "&ids=" + all_ids)->body;
  for (const auto& [name, content] : unzip(get("/api/download?format=csv&ids=" + all_ids)->body))
    seen += name + content;
  const auto screened = post("/api/screen", "name\nCanary Supplier Trading\nCANARYALIASONE\n");
  seen += screened->body;
  EXPECT_GT(seen.size(), 20000U);
  for (const auto& canary : kCanaries) {
    if (canary == "CANARYALIASONE") continue;  // asked for by name: the row echoes it
    EXPECT_EQ(seen.find(canary), std::string::npos) << canary;
  }
  // The alias asked for is echoed as the row's name and matches nothing.
  const auto report = nlohmann::json::parse(screened->body);
  for (const auto& row : report["results"]) {
    if (row["name"] == "CANARYALIASONE") {
      EXPECT_TRUE(row["entity"].is_null()) << row.dump();
      EXPECT_EQ(row.dump().find("CANARYPERSON"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace flgraph::testing
