// tests/cli/crash_safety_test.cpp: an import killed (SIGKILL) at random moments leaves a
// database that opens, passes PRAGMA integrity_check and holds exactly the state before the
// import or exactly the state after it, never a mix.
//
// The import is a synthetic graph of ../shared/bench, generated once per build folder, into a
// store holding datasets/sample (written row by row, as it holds witnesses) and into one holding
// datasets/dprk-public with its snapshot (written while read). FLGRAPH_CRASH_PRESET picks its size:
// small (100,000 relations) by default, so that the suite's 20 kills take minutes;
// scripts/crash-test.sh runs 200 kills on medium (about 450,000 entities and 1,000,000 relations).
// FLGRAPH_CRASH_KILLS sets the number of kills and FLGRAPH_CRASH_SEED the random moments (printed,
// so a failure can be replayed).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "custody/sha256.h"
#include "test_support.h"

namespace flgraph {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// What a database holds, read without flgraph's own code.
struct StoreState {
  std::string integrity;  // "ok" when PRAGMA integrity_check finds nothing
  std::map<std::string, std::int64_t> rows_by_table;
  std::string content_sha256;  // every row of every table, in a fixed order
};

bool operator==(const StoreState& a, const StoreState& b) {
  return a.rows_by_table == b.rows_by_table && a.content_sha256 == b.content_sha256;
}

std::string describe(const StoreState& state) {
  std::string out =
      fmt::format("integrity {}, sha256 {}:", state.integrity, state.content_sha256.substr(0, 16));
  for (const auto& [table, rows] : state.rows_by_table) out += fmt::format(" {} {}", table, rows);
  return out;
}

// SHA-256 over a sequence of pieces, each length-prefixed, so ("ab","c") and ("a","bc") differ.
class PieceHash {
 public:
  void add(std::string_view bytes) {
    const auto size = static_cast<std::uint64_t>(bytes.size());
    hash_.update(std::string_view(reinterpret_cast<const char*>(&size), sizeof size));
    hash_.update(bytes);
  }
  std::string hex() { return hash_.hex_digest(); }

 private:
  custody::Sha256 hash_;
};

// Calls visit(row) for each result row, streaming: a million-row table is never held whole.
template <typename Visit>
void for_each_row(sqlite3* db, const std::string& sql, Visit&& visit) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw std::runtime_error(fmt::format("{}: {}", sql, sqlite3_errmsg(db)));
  }
  std::vector<std::string> row;
  int status = SQLITE_OK;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    row.resize(static_cast<std::size_t>(sqlite3_column_count(statement)));
    for (int column = 0; column < sqlite3_column_count(statement); ++column) {
      // A type tag first, so NULL, 1 and '1' differ.
      const auto type = sqlite3_column_type(statement, column);
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      auto& cell = row[static_cast<std::size_t>(column)];
      cell = std::to_string(type);
      cell += ':';
      if (bytes != nullptr) cell.append(bytes, size);
    }
    visit(row);
  }
  sqlite3_finalize(statement);
  if (status != SQLITE_DONE)
    throw std::runtime_error(fmt::format("{}: {}", sql, sqlite3_errmsg(db)));
}

std::vector<std::vector<std::string>> query(sqlite3* db, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  for_each_row(db, sql, [&](const std::vector<std::string>& row) { rows.push_back(row); });
  return rows;
}

// Opens the file as SQLite does after a crash (recovering the WAL) and reads everything in it.
// The store's "generation" (a random value renewed per commit) is left out of the hash, with the
// note of the last import, which carries it, and so is the pseudonym key when `fresh` (a new
// database draws its own).
StoreState read_state(const fs::path& path, bool fresh = false) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path.string() + ": " + message);
  }
  StoreState state;
  try {
    for (const auto& row : query(db, "PRAGMA integrity_check")) {
      state.integrity += (state.integrity.empty() ? "" : "; ") + row.at(0).substr(2);
    }
    PieceHash hash;
    hash.add(query(db, "PRAGMA user_version").at(0).at(0));
    for (const auto& table_row :
         query(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
      const auto table = table_row.at(0).substr(2);
      const auto columns =
          query(db, fmt::format("SELECT count(*) FROM pragma_table_info('{}')", table)).at(0).at(0);
      std::string order;
      for (int column = 1; column <= std::stoi(columns.substr(2)); ++column)
        order += fmt::format("{}{}", column > 1 ? "," : "", column);
      hash.add(table);
      std::int64_t rows = 0;
      for_each_row(
          db, fmt::format("SELECT * FROM \"{}\" ORDER BY {}", table, order),
          [&](const std::vector<std::string>& row) {
            if (table == "meta" && (row.at(0) == "3:generation" || row.at(0) == "3:last_import"))
              return;
            if (table == "meta" && fresh && row.at(0) == "3:pseudonym_key") return;
            ++rows;
            for (const auto& value : row) hash.add(value);
          });
      state.rows_by_table[table] = rows;
    }
    state.content_sha256 = hash.hex();
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
  return state;
}

// The database, and its query graph snapshot when it has one (an import adds its rows to it).
void copy_database(const fs::path& from, const fs::path& to) {
  for (const char* suffix : {"", "-wal", "-shm", ".qgraph"}) fs::remove(to.string() + suffix);
  fs::copy_file(from, to);
  if (fs::exists(from.string() + ".qgraph"))
    fs::copy_file(from.string() + ".qgraph", to.string() + ".qgraph");
}

// flgraph --db DB import INPUT, as a child process with its output discarded.
pid_t start_import(const fs::path& db, const fs::path& input) {
  std::cout.flush();
  std::fflush(
      nullptr);  // else the child's freopen would print what is still buffered a second time
  const pid_t pid = fork();
  // Never let -1 reach kill() below: kill(-1, SIGKILL) signals every process we may signal.
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (freopen("/dev/null", "w", stdout) == nullptr ||
        freopen("/dev/null", "w", stderr) == nullptr)
      _exit(127);
    const std::string binary = FLGRAPH_BINARY;
    execl(binary.c_str(), "flgraph", "--db", db.c_str(), "import", input.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

std::size_t env_number(const char* name, std::size_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? static_cast<std::size_t>(std::stoull(text)) : fallback;
}

// The generator's preset the kills interrupt: small unless FLGRAPH_CRASH_PRESET says otherwise.
std::string crash_preset() {
  const char* text = std::getenv("FLGRAPH_CRASH_PRESET");
  const std::string preset = text != nullptr && *text != '\0' ? text : "small";
  if (preset != "tiny" && preset != "small" && preset != "medium" && preset != "large")
    throw std::runtime_error("FLGRAPH_CRASH_PRESET must be tiny, small, medium or large, not '" +
                             preset + "'");
  return preset;
}

// The synthetic graph, generated once into the build folder (deterministic: same seed, same bytes).
fs::path synthetic_graph() {
  const auto preset = crash_preset();
  const fs::path folder = fs::path(FLGRAPH_CRASH_DATA) / preset;
  if (fs::exists(folder / "edges.csv") && fs::exists(folder / "nodes.csv")) return folder;
  const auto generator = testing::shared_dir() / "bench" / "gen_supply_graph.py";
  if (!fs::exists(generator)) throw std::runtime_error("no generator at " + generator.string());
  const auto staging = fs::path(FLGRAPH_CRASH_DATA) / (preset + ".partial");
  fs::remove_all(staging);
  const auto command =
      fmt::format("python3 '{}' --preset {} --queries 10 --seed 42 --out '{}' >/dev/null",
                  generator.string(), preset, staging.string());
  if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
  // Only the graph: queries.csv and manifest.json are not bulk CSV.
  fs::create_directories(folder);
  for (const char* name : {"nodes.csv", "edges.csv"}) fs::rename(staging / name, folder / name);
  fs::remove_all(staging);
  return folder;
}

// The kill moments: half anywhere in the import, half around its commit (the last tenth and a
// little after), where the WAL is written and checkpointed or the new file linked into place.
std::chrono::microseconds kill_moment(std::mt19937_64& random, Clock::duration import_time,
                                      std::size_t kill) {
  const double total_us = std::chrono::duration<double, std::micro>(import_time).count();
  const double at = kill % 2 == 0 ? std::uniform_real_distribution<double>(0.0, total_us)(random)
                                  : std::uniform_real_distribution<double>(0.85 * total_us,
                                                                           1.1 * total_us)(random);
  return std::chrono::microseconds(static_cast<std::int64_t>(at));
}

// Imports the synthetic graph into copies of `base`, killed at random moments, and once left to
// finish; `pipelined`: whether that import writes on a second thread (as its --json says).
void expect_killed_imports_leave_the_old_or_the_new_state(const testing::TempDir& temp,
                                                          const fs::path& base, bool pipelined) {
  const auto kills = env_number("FLGRAPH_CRASH_KILLS", 20);
  const auto seed = env_number("FLGRAPH_CRASH_SEED", 20240611);
  std::cout << "crash test: " << kills << " kills, seed " << seed << '\n';
  const auto input = synthetic_graph();

  const auto old_state = read_state(base);
  ASSERT_EQ(old_state.integrity, "ok");

  // The new state, from an import left to finish; its duration scales the kill moments.
  const auto reference = temp / "reference.db";
  copy_database(base, reference);
  const auto started = Clock::now();
  const int status = wait_for(start_import(reference, input));
  const auto import_time = Clock::now() - started;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the reference import failed";
  const auto new_state = read_state(reference);
  ASSERT_EQ(new_state.integrity, "ok");
  ASSERT_FALSE(old_state == new_state);
  {
    // The path the killed imports take: the same import again, into another copy, says which.
    const auto probe = temp / "probe.db";
    copy_database(base, probe);
    const auto result =
        testing::run_flgraph({"--db", probe.string(), "import", "--json", input.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(nlohmann::json::parse(result.out).at("rows_written_while_reading").get<bool>(),
              pipelined);
  }
  std::cout << "reference import: " << std::chrono::duration<double>(import_time).count() << " s\n"
            << "old: " << describe(old_state) << "\nnew: " << describe(new_state) << '\n';

  std::mt19937_64 random(seed);
  int old_count = 0;
  int new_count = 0;
  int finished_count = 0;
  const auto target = temp / "killed.db";
  for (std::size_t kill = 0; kill < kills; ++kill) {
    copy_database(base, target);
    const auto delay = kill_moment(random, import_time, kill);
    const pid_t pid = start_import(target, input);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    const int kill_status = wait_for(pid);
    if (WIFEXITED(kill_status)) ++finished_count;  // it ended before the signal came

    const auto state = read_state(target);
    ASSERT_EQ(state.integrity, "ok") << "kill " << kill << " after " << delay.count() << " us";
    const bool is_old = state == old_state;
    const bool is_new = state == new_state;
    ASSERT_TRUE(is_old || is_new) << "kill " << kill << " after " << delay.count()
                                  << " us left a mixed state: " << describe(state);
    (is_old ? old_count : new_count) += 1;
    std::cout << fmt::format("kill {:>3} after {:>8.3f} s: {} state\n", kill + 1,
                             static_cast<double>(delay.count()) / 1e6, is_old ? "old" : "new")
              << std::flush;
  }
  std::cout << fmt::format(
      "crash test: {} kills: {} old state, {} new state ({} had finished before the kill)\n", kills,
      old_count, new_count, finished_count);
  ::testing::Test::RecordProperty("kills", static_cast<int>(kills));
  ::testing::Test::RecordProperty("old_state", old_count);
  ::testing::Test::RecordProperty("new_state", new_count);
}

TEST(CrashSafety, ImportKilledAtRandomMomentsLeavesTheOldOrTheNewState) {
  // The sample holds witnesses: the rows are written row by row.
  testing::TempDir temp;
  const auto base = temp / "base.db";
  testing::import_sample(base);
  expect_killed_imports_leave_the_old_or_the_new_state(temp, base, false);
}

TEST(CrashSafety, PipelinedAppendKilledAtRandomMomentsLeavesTheOldOrTheNewState) {
  // The curated public dataset, with its snapshot and no protected record: the rows are written
  // on a second thread while the next are read.
  testing::TempDir temp;
  const auto base = temp / "base.db";
  const auto made = testing::run_flgraph(
      {"--db", base.string(), "import", (fs::path(FLGRAPH_DATASETS) / "dprk-public").string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  expect_killed_imports_leave_the_old_or_the_new_state(temp, base, true);
}

// A first import builds the database beside its name and links it into place when complete
// (importers/import.cpp): killed, it leaves no database at that name, or the whole new one.
TEST(CrashSafety, FirstImportKilledAtRandomMomentsLeavesNoDatabaseOrTheWholeNewOne) {
  const auto kills = env_number("FLGRAPH_CRASH_KILLS", 20);
  const auto seed = env_number("FLGRAPH_CRASH_SEED", 20240611) + 1;
  std::cout << "crash test (new database): " << kills << " kills, seed " << seed << '\n';
  const auto input = synthetic_graph();

  testing::TempDir temp;
  const auto reference = temp / "reference.db";
  const auto started = Clock::now();
  const int status = wait_for(start_import(reference, input));
  const auto import_time = Clock::now() - started;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the reference import failed";
  const auto new_state = read_state(reference, /*fresh=*/true);
  ASSERT_EQ(new_state.integrity, "ok");
  std::cout << "reference import: " << std::chrono::duration<double>(import_time).count() << " s\n"
            << "new: " << describe(new_state) << '\n';

  std::mt19937_64 random(seed);
  int none_count = 0;
  int new_count = 0;
  int leftovers = 0;
  const auto folder = temp / "kills";
  for (std::size_t kill = 0; kill < kills; ++kill) {
    fs::remove_all(folder);
    fs::create_directories(folder);
    const auto target = folder / "new.db";
    const auto delay = kill_moment(random, import_time, kill);
    const pid_t pid = start_import(target, input);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    wait_for(pid);

    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().filename().string().rfind("new.db.importing-", 0) == 0) ++leftovers;
    }
    const bool exists = fs::exists(target);
    if (exists) {
      const auto state = read_state(target, /*fresh=*/true);
      ASSERT_EQ(state.integrity, "ok") << "kill " << kill << " after " << delay.count() << " us";
      ASSERT_TRUE(state == new_state) << "kill " << kill << " after " << delay.count()
                                      << " us left a partial database: " << describe(state);
    }
    (exists ? new_count : none_count) += 1;
    std::cout << fmt::format("kill {:>3} after {:>8.3f} s: {}\n", kill + 1,
                             static_cast<double>(delay.count()) / 1e6,
                             exists ? "new state" : "no database")
              << std::flush;
  }
  std::cout << fmt::format(
      "crash test (new database): {} kills: {} no database, {} new state; {} left a "
      "partial build file beside the name\n",
      kills, none_count, new_count, leftovers);
  RecordProperty("no_database", none_count);
  RecordProperty("new_state", new_count);
}

}  // namespace
}  // namespace flgraph
