// tests/cli/audit_log_test.cpp: export, brief, judge and every reveal leave one entry in the
// append-only audit log, which `flgraph audit` lists, an import keeps, and no protected value
// enters.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>

#include "test_support.h"

namespace flgraph::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string utc_seconds_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

// Runs SQL on the database with sqlite3 itself, as someone bypassing flgraph would; returns the
// error message, empty when it ran.
std::string sqlite_error(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  char* message = nullptr;
  sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close(handle);
  return error;
}

// Every byte the audit table holds, read with sqlite3.
std::string audit_table_text(const std::string& db) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  std::string all;
  sqlite3_exec(
      handle, "SELECT id, at, who, command, selection, outputs FROM audit",
      [](void* out, int columns, char** values, char**) {
        for (int i = 0; i < columns; ++i)
          *static_cast<std::string*>(out) += std::string(values[i] ? values[i] : "") + "|";
        return 0;
      },
      &all, nullptr);
  sqlite3_close(handle);
  return all;
}

// The canary fixture's protected values: every marker is "CANARY…" in capitals (the public
// records say "Canary"), a cafe0000… hash, or one of the dates its README lists.
void expect_no_protected_value(const std::string& text, const std::string& where) {
  for (const std::string marker : {"CANARY", "cafe0000", "1911-11-11", "1912-12-12", "1913-03-13",
                                   "1914-04-14", "1915-05-15", "1916-06-16", "Named Owner\x1f"}) {
    EXPECT_EQ(text.find(marker), std::string::npos) << where << " holds " << marker << ":\n"
                                                    << text;
  }
}

// While it lives, flgraph runs as this $USER.
class AsUser {
 public:
  explicit AsUser(const char* name) {
    if (const char* old = std::getenv("USER")) previous_ = old;
    ::setenv("USER", name, 1);
  }
  ~AsUser() {
    if (previous_.empty()) {
      ::unsetenv("USER");
    } else {
      ::setenv("USER", previous_.c_str(), 1);
    }
  }
  AsUser(const AsUser&) = delete;
  AsUser& operator=(const AsUser&) = delete;

 private:
  std::string previous_;
};

class AuditLog : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_ / "canary.db").string();
    const auto imported = run_flgraph({"--db", db_, "import", fixture("canary").string()});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }

  CommandResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    auto result = run_flgraph(args);
    EXPECT_EQ(result.exit_code, 0) << args[2] << ": " << result.err;
    return result;
  }
  json entries(std::vector<std::string> options = {}) {
    options.insert(options.begin(), {"audit", "--json"});
    return json::parse(run(options).out);
  }
  // The witness's pseudonym, looked up by the real id with the key (show records nothing
  // unrevealed).
  std::string witness() {
    std::smatch found;
    const auto shown = run({"show", "pe-CANARYPERSONID", "--json"}).out;
    std::regex_search(shown, found, std::regex("W-[0-9a-f]{10}"));
    return found.empty() ? std::string() : found[0].str();
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(AuditLog, ASessionLeavesOneEntryPerCommandWithWhoWhenAndTheHashesOfItsOutputs) {
  const AsUser user("audit-tester");
  const auto started = utc_seconds_now();
  run({"export", "--format", "json", "-o", (dir_ / "graph.json").string()});
  run({"export", "--format", "bundle", "-o", (dir_ / "bundle").string(), "--trace-from",
       "co-buyer"});
  const auto graphml = run({"export", "--format", "graphml"}).out;
  run({"brief", "co-buyer", "-o", (dir_ / "brief").string()});
  const auto judged = json::parse(
      run({"judge", "co-supplier", "pe-named-owner", "negative", "--by", "analyst-7", "--json"})
          .out);
  const auto judgement = std::to_string(judged["judgement"]["id"].get<std::int64_t>());
  run({"judge", "--undo", judgement});
  run({"show", "ca-plant", "--reveal-protected"});
  // Reading without revealing, and listing the log, leave no entry.
  run({"show", "ca-plant"});
  run({"trace", "--from", "co-buyer"});
  run({"audit"});
  const auto finished = utc_seconds_now();

  const auto log = entries();
  ASSERT_EQ(log.size(), 7u) << log.dump(2);
  const std::vector<std::string> commands = {"export --format json",
                                             "export --format bundle",
                                             "export --format graphml",
                                             "brief --format html",
                                             "judge",
                                             "judge --undo",
                                             "show --reveal-protected"};
  for (std::size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i]["command"], commands[i]);
    const auto at = log[i]["at"].get<std::string>();
    EXPECT_TRUE(std::regex_match(at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << at;
    EXPECT_LE(started, at);
    EXPECT_LE(at, finished);
    EXPECT_EQ(log[i]["who"], commands[i] == "judge" ? "analyst-7" : "audit-tester") << commands[i];
  }
  EXPECT_EQ(log[0]["selection"], "the whole database");
  ASSERT_EQ(log[0]["outputs"].size(), 1u);
  EXPECT_EQ(log[0]["outputs"][0]["name"], (dir_ / "graph.json").string());
  EXPECT_EQ(log[0]["outputs"][0]["sha256"], file_sha256(dir_ / "graph.json"));

  EXPECT_NE(log[1]["selection"].get<std::string>().find("trace from co-buyer"), std::string::npos)
      << log[1];
  std::size_t bundle_files = 0;
  for (const auto& item : fs::directory_iterator(dir_ / "bundle")) {
    ++bundle_files;
    const auto listed =
        std::find_if(log[1]["outputs"].begin(), log[1]["outputs"].end(),
                     [&](const json& output) { return output["name"] == item.path().string(); });
    ASSERT_NE(listed, log[1]["outputs"].end()) << item.path();
    EXPECT_EQ((*listed)["sha256"], file_sha256(item.path())) << item.path();
  }
  EXPECT_EQ(log[1]["outputs"].size(), bundle_files);

  write_file(dir_ / "stdout.graphml", graphml);
  EXPECT_EQ(log[2]["outputs"], json::parse(fmt::format(R"([{{"name": "stdout", "sha256": "{}"}}])",
                                                       file_sha256(dir_ / "stdout.graphml"))));
  EXPECT_EQ(log[3]["selection"], "co-buyer");
  EXPECT_EQ(log[3]["outputs"][0]["sha256"], file_sha256(dir_ / "brief" / "brief.html"));
  EXPECT_EQ(log[4]["selection"],
            fmt::format("judgement #{}: co-supplier ~ pe-named-owner negative", judgement));
  EXPECT_EQ(log[6]["selection"], "ca-plant");
  EXPECT_TRUE(log[6]["outputs"].empty());

  // The text table has the same entries, with short hashes.
  const auto table = run({"audit"}).out;
  EXPECT_EQ(table.rfind("id  ", 0), 0u) << table;
  EXPECT_NE(table.find("export --format bundle"), std::string::npos) << table;
  EXPECT_NE(table.find(file_sha256(dir_ / "graph.json").substr(0, 12)), std::string::npos) << table;
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 8) << table;
}

TEST_F(AuditLog, SinceKeepsEntriesFromThatDateOn) {
  // An entry of an earlier year, as the log of a database in use for long would hold.
  ASSERT_EQ(sqlite_error(db_,
                         "INSERT INTO audit(at, who, command, selection) "
                         "VALUES('2020-03-01T09:00:00Z', 'earlier', 'export --format json', 'the "
                         "whole database')"),
            "");
  run({"export", "--format", "svg", "-o", (dir_ / "graph.svg").string()});
  EXPECT_EQ(entries().size(), 2u);
  EXPECT_EQ(entries({"--since", "2020-03-01"}).size(), 2u);
  const auto recent = entries({"--since", "2020-03-02"});
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0]["command"], "export --format svg");
  EXPECT_EQ(run_flgraph({"--db", db_, "audit", "--since", "2020-13-01"}).exit_code, 2);
}

TEST_F(AuditLog, AnImportKeepsEveryEntry) {
  run({"export", "--format", "json", "-o", (dir_ / "graph.json").string()});
  run({"show", "ca-plant", "--reveal-protected"});
  const auto before = entries();
  ASSERT_EQ(before.size(), 2u);
  run({"import", fixture("canary").string()});
  run({"import", (dir_ / "graph.json").string()});
  EXPECT_EQ(entries(), before);
}

TEST_F(AuditLog, SqliteCannotChangeOrDeleteAnEntry) {
  run({"export", "--format", "json", "-o", (dir_ / "graph.json").string()});
  const auto before = audit_table_text(db_);
  EXPECT_NE(sqlite_error(db_, "UPDATE audit SET who = 'someone else'").find("append-only"),
            std::string::npos);
  EXPECT_NE(sqlite_error(db_, "DELETE FROM audit").find("append-only"), std::string::npos);
  EXPECT_EQ(audit_table_text(db_), before);
}

TEST_F(AuditLog, RevealedSessionsLeaveNoProtectedValueInTheLog) {
  const auto pseudonym = witness();
  ASSERT_FALSE(pseudonym.empty());
  run({"export", "--format", "json", "-o", (dir_ / "all.json").string(), "--reveal-protected"});
  run({"export", "--format", "bundle", "-o", (dir_ / "bundle").string(), "--reveal-protected"});
  run({"export", "--format", "svg", "--around", "pe-CANARYPERSONID", "--reveal-protected"});
  run({"export", "--format", "dot", "--ids", "pe-CANARYPERSONID,co-supplier",
       "--reveal-protected"});
  run({"export", "--format", "csv", "-o", (dir_ / "csv").string(), "--trace-from", "co-buyer",
       "--reveal-protected"});
  run({"brief", "co-buyer", "-o", (dir_ / "brief").string(), "--format", "md",
       "--reveal-protected"});
  run({"show", "pe-CANARYPERSONID", "--reveal-protected"});
  run({"show", pseudonym, "--reveal-witness"});
  run({"trace", "--from", "co-buyer", "--reveal-protected"});
  run({"paths", "--from", "co-buyer", "--to", "pe-CANARYPERSONID", "--reveal-protected"});
  run({"exposure", "co-buyer", "--reveal-protected"});

  const auto log = entries();
  EXPECT_EQ(log.size(), 11u) << log.dump(2);
  for (const auto& entry : log) {
    EXPECT_NE(entry["command"].get<std::string>().find("--reveal-"), std::string::npos) << entry;
  }
  // The real id the user typed is logged as the pseudonym outputs show.
  EXPECT_EQ(log[3]["selection"],
            fmt::format("entities {}, co-supplier with the relations among them", pseudonym));
  EXPECT_EQ(log[6]["selection"], pseudonym);
  EXPECT_EQ(log[7]["command"], "show --reveal-witness");
  expect_no_protected_value(audit_table_text(db_), "the audit table");
  expect_no_protected_value(run({"audit"}).out, "flgraph audit");
  expect_no_protected_value(log.dump(), "flgraph audit --json");
}

TEST(AuditLogOnReadOnlyMedia, RevealIsRefusedWhileExportAndBriefRunWithAWarning) {
  TempDir dir;
  ScratchMedia media(dir / "media");
  if (!media.mounted()) GTEST_SKIP() << "cannot mount a file system here (not root?)";
  const auto db = (media.path() / "evidence.db").string();
  ASSERT_EQ(run_flgraph({"--db", db, "import", fixture("canary").string()}).exit_code, 0);
  ASSERT_EQ(
      run_flgraph({"--db", db, "export", "--format", "json", "-o", (dir / "before.json").string()})
          .exit_code,
      0);
  ASSERT_TRUE(media.make_read_only());

  for (const std::vector<std::string>& reveal :
       {std::vector<std::string>{"show", "ca-plant", "--reveal-protected"},
        {"trace", "--from", "co-buyer", "--reveal-protected"},
        {"export", "--format", "json", "-o", (dir / "revealed.json").string(),
         "--reveal-protected"},
        {"brief", "co-buyer", "-o", (dir / "revealed-brief").string(), "--reveal-protected"}}) {
    std::vector<std::string> args = {"--db", db};
    args.insert(args.end(), reveal.begin(), reveal.end());
    const auto refused = run_flgraph(args);
    EXPECT_EQ(refused.exit_code, 1) << reveal.front() << ": " << refused.out;
    EXPECT_NE(refused.err.find("--reveal-protected refused"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("read-only media"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.out.find("CANARYSRC"), std::string::npos) << refused.out;
  }
  EXPECT_FALSE(fs::exists(dir / "revealed.json"));
  EXPECT_FALSE(fs::exists(dir / "revealed-brief" / "brief.html"));

  const auto exported =
      run_flgraph({"--db", db, "export", "--format", "json", "-o", (dir / "after.json").string()});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.err.find("export --format json was not recorded in the audit log"),
            std::string::npos)
      << exported.err;
  const auto brief = run_flgraph({"--db", db, "brief", "co-buyer", "-o", (dir / "brief").string()});
  EXPECT_EQ(brief.exit_code, 0) << brief.err;
  EXPECT_NE(brief.err.find("not recorded in the audit log"), std::string::npos) << brief.err;
  // The log still reads there: the one entry made before the media turned read-only.
  const auto listed = run_flgraph({"--db", db, "audit", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(json::parse(listed.out).size(), 1u) << listed.out;
}

}  // namespace
}  // namespace flgraph::testing
