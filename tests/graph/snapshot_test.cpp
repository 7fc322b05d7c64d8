// tests/graph/snapshot_test.cpp: a damaged, forged, foreign or unwritable snapshot never changes an
// answer: it is rejected and rebuilt, with a warning, and a failed write leaves no file behind.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xxhash.h>

#include <cstring>
#include <functional>
#include <random>

#include "graph/errors.h"
#include "graph/query_graph.h"
#include "graph/warnings.h"
#include "test_support.h"

namespace flgraph::graph {
namespace {

namespace fs = std::filesystem;

// Format 3's header, as the format defines it (graph/query_graph_snapshot.cpp): the fields
// these tests forge, and the header's size padded to the first section.
constexpr std::size_t kVersionAt = 8;
constexpr std::size_t kChecksumAt = 112;
constexpr std::size_t kSectionOffsetAt = 120;
constexpr std::size_t kHeadBytes = 384;
// Sections in file order (QueryGraph::for_each_column).
constexpr std::size_t kKindsSection = 2;
constexpr std::size_t kOutTargetsSection = 6;
constexpr std::size_t kInOffsetsSection = 7;

std::vector<VertexInput> vertices(std::size_t count) {
  std::vector<VertexInput> out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back({fmt::format("v{:04d}", i), static_cast<EntityKind>(i % kEntityKindCount),
                   i % 5 == 0, static_cast<EntityRowId>(i + 1)});
  }
  return out;
}

std::vector<EdgeInput> edges(std::size_t n, std::size_t m) {
  std::mt19937 random(17);
  std::vector<EdgeInput> out;
  for (std::size_t i = 0; i < m; ++i) {
    out.push_back({static_cast<VertexId>(random() % n), static_cast<VertexId>(random() % n),
                   static_cast<RelationKind>(random() % kRelationKindCount),
                   static_cast<std::int32_t>(random() % 9000), kOpenEnd,
                   static_cast<float>(random() % 100 + 1) / 100.0f,
                   static_cast<RelationRowId>(i + 1)});
  }
  return out;
}

std::uint64_t read_u64(const std::string& bytes, std::size_t at) {
  std::uint64_t value = 0;
  std::memcpy(&value, bytes.data() + at, sizeof(value));
  return value;
}

void write_u64(std::string& bytes, std::size_t at, std::uint64_t value) {
  std::memcpy(bytes.data() + at, &value, sizeof(value));
}

// What a writer that knows the format would store as the checksum of `bytes`.
void forge_checksum(std::string& bytes) {
  write_u64(bytes, kChecksumAt, 0);
  write_u64(bytes, kChecksumAt, XXH3_64bits(bytes.data(), bytes.size()));
}

// Collects warnings instead of printing them, for as long as it lives.
class CapturedWarnings {
 public:
  CapturedWarnings() {
    previous_ =
        set_warning_sink([this](std::string_view message) { lines_.emplace_back(message); });
  }
  ~CapturedWarnings() { set_warning_sink(std::move(previous_)); }
  CapturedWarnings(const CapturedWarnings&) = delete;
  CapturedWarnings& operator=(const CapturedWarnings&) = delete;
  const std::vector<std::string>& lines() const { return lines_; }

 private:
  WarningSink previous_;
  std::vector<std::string> lines_;
};

// Runs `body` in a child process killed after `seconds` (so a hang fails the test instead of
// stopping it); returns what the child wrote to its pipe, and its exit code or 128 + signal.
std::pair<int, std::string> run_in_child(const std::function<int(int reply_fd)>& body,
                                         unsigned seconds = 20) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {-1, "pipe failed"};
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    alarm(seconds);
    int code = 1;
    try {
      code = body(pipe_fds[1]);
    } catch (const std::exception& e) {
      [[maybe_unused]] const auto ignored = write(pipe_fds[1], e.what(), std::strlen(e.what()));
    }
    _exit(code);
  }
  close(pipe_fds[1]);
  std::string reply;
  char buffer[512];
  for (ssize_t got; (got = read(pipe_fds[0], buffer, sizeof(buffer))) > 0;)
    reply.append(buffer, static_cast<std::size_t>(got));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), reply};
}

void reply(int fd, const std::string& text) {
  [[maybe_unused]] const auto ignored = write(fd, text.data(), text.size());
}

std::vector<std::string> file_names(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class SnapshotIntegrity : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_ = QueryGraph::build(vertices(40), edges(40, 300));
    graph_.write_snapshot(path_, "gen-1");
    bytes_ = testing::read_file(path_);
    ASSERT_TRUE(QueryGraph::map_snapshot(path_, "gen-1"));
  }
  // Maps `bytes` as the snapshot; nothing when it is rejected, and `problem_` says why.
  std::optional<QueryGraph> map(const std::string& bytes) {
    testing::write_file(path_, bytes);
    return QueryGraph::map_snapshot(path_, "gen-1", problem_);
  }
  // The same with one bit of the written file flipped, in place (thousands of these run).
  bool accepts_flipped_bit(std::size_t byte, int bit) {
    const int fd = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
    auto put = [&](char value) { return ::pwrite(fd, &value, 1, static_cast<off_t>(byte)) == 1; };
    const bool flipped = put(static_cast<char>(bytes_[byte] ^ (1 << bit)));
    const bool accepted = QueryGraph::map_snapshot(path_, "gen-1", problem_).has_value();
    const bool restored = put(bytes_[byte]);
    ::close(fd);
    EXPECT_TRUE(flipped && restored);
    return accepted;
  }

  testing::TempDir dir_;
  fs::path path_ = dir_ / "g.qgraph";
  QueryGraph graph_;
  std::string bytes_;
  std::string problem_;
};

TEST_F(SnapshotIntegrity, SnapshotHeaderBitFlipsAreRejected) {
  ASSERT_GT(bytes_.size(), kHeadBytes);
  std::size_t rejected = 0;
  for (std::size_t byte = 0; byte < kHeadBytes; ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      const bool accepted = accepts_flipped_bit(byte, bit);
      EXPECT_FALSE(accepted) << "byte " << byte << " bit " << bit;
      rejected += accepted ? 0 : 1;
    }
  }
  EXPECT_EQ(rejected, kHeadBytes * 8);
}

TEST_F(SnapshotIntegrity, SnapshotBodyBitFlipsAreRejected) {
  std::mt19937 random(23);
  for (int sample = 0; sample < 600; ++sample) {
    const std::size_t byte = kHeadBytes + random() % (bytes_.size() - kHeadBytes);
    const int bit = static_cast<int>(random() % 8);
    EXPECT_FALSE(accepts_flipped_bit(byte, bit)) << "byte " << byte << " bit " << bit;
    EXPECT_EQ(problem_, "is damaged (checksum mismatch)") << "byte " << byte;
  }
}

TEST_F(SnapshotIntegrity, TruncatedOrExtendedSnapshotIsRejected) {
  EXPECT_FALSE(map(bytes_.substr(0, bytes_.size() - 64)));
  EXPECT_NE(problem_.find("bytes long"), std::string::npos) << problem_;
  EXPECT_FALSE(map(bytes_ + std::string(64, '\0')));
  EXPECT_FALSE(map(bytes_.substr(0, 100)));
  EXPECT_EQ(problem_, "is too short to be a snapshot");
  EXPECT_FALSE(map(""));
}

TEST_F(SnapshotIntegrity, ForgedChecksumDoesNotGetAShiftedSectionTablePast) {
  // The flip of issue #19 (in_offsets moved by 128 bytes, still aligned and inside the file),
  // with a checksum recomputed to match: the section table itself must be the writer's.
  std::string forged = bytes_;
  const std::size_t at = kSectionOffsetAt + kInOffsetsSection * 8;
  write_u64(forged, at, read_u64(forged, at) + 128);
  forge_checksum(forged);
  EXPECT_FALSE(map(forged));
  EXPECT_EQ(problem_, "has a section table that does not match its counts");
}

TEST_F(SnapshotIntegrity, ForgedChecksumDoesNotGetOutOfRangeIdsOrKindsPast) {
  const auto out_targets =
      static_cast<std::size_t>(read_u64(bytes_, kSectionOffsetAt + kOutTargetsSection * 8));
  std::string forged = bytes_;
  const std::uint32_t vertex_past_the_end = 40;
  std::memcpy(forged.data() + out_targets + 4 * 7, &vertex_past_the_end,
              sizeof(vertex_past_the_end));
  forge_checksum(forged);
  EXPECT_FALSE(map(forged));
  EXPECT_EQ(problem_, "holds vertex numbers out of range");

  const auto kinds =
      static_cast<std::size_t>(read_u64(bytes_, kSectionOffsetAt + kKindsSection * 8));
  forged = bytes_;
  forged[kinds + 3] = 99;
  forge_checksum(forged);
  EXPECT_FALSE(map(forged));
  EXPECT_EQ(problem_, "holds unknown kind codes");
}

TEST_F(SnapshotIntegrity, OlderFormatIsRebuiltWithoutAWarning) {
  std::string older = bytes_;
  older[kVersionAt] = 2;
  EXPECT_FALSE(map(older));
  EXPECT_EQ(problem_, "");
  std::string newer = bytes_;
  newer[kVersionAt] = 9;
  EXPECT_FALSE(map(newer));
  EXPECT_EQ(problem_, "has format version 9, which this flgraph does not read");
}

TEST_F(SnapshotIntegrity, NonRegularFileIsNeverOpened) {
  fs::remove(path_);
  ASSERT_EQ(mkfifo(path_.c_str(), 0600), 0);
  // Opening a FIFO for reading waits for a writer: a regression hangs, and the alarm fails it.
  const auto [code, said] = run_in_child([&](int fd) {
    std::string problem;
    const bool mapped = QueryGraph::map_snapshot(path_, "gen-1", problem).has_value();
    reply(fd, problem);
    return mapped ? 1 : 0;
  });
  EXPECT_EQ(code, 0);
  EXPECT_EQ(said, "is not a regular file");

  fs::remove(path_);
  fs::create_symlink("/dev/zero", path_);
  EXPECT_FALSE(QueryGraph::map_snapshot(path_, "gen-1", problem_));
  EXPECT_EQ(problem_, "is not a regular file");
  fs::remove(path_);
  fs::create_directory(path_);
  EXPECT_FALSE(QueryGraph::map_snapshot(path_, "gen-1", problem_));
  EXPECT_EQ(problem_, "is not a regular file");
}

TEST_F(SnapshotIntegrity, FailedWriteIsReportedAndLeavesNoPartialFile) {
  fs::remove(path_);
  // A full disk, simulated without privileges: a file size limit makes write() fail (EFBIG)
  // part way through, once SIGXFSZ no longer kills the process.
  const auto [code, said] = run_in_child([&](int fd) {
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{4096, 4096};
    setrlimit(RLIMIT_FSIZE, &limit);
    try {
      graph_.write_snapshot(path_, "gen-1");
    } catch (const Error& e) {
      reply(fd, e.what());
      return 0;
    }
    return 1;
  });
  EXPECT_EQ(code, 0) << said;
  EXPECT_NE(said.find("cannot write the query graph snapshot"), std::string::npos) << said;
  EXPECT_NE(said.find("File too large"), std::string::npos) << said;
  EXPECT_EQ(file_names(dir_.path()), std::vector<std::string>{})
      << "no snapshot and no partial file";
}

TEST_F(SnapshotIntegrity, LeftoverAtThePartialNameIsReplacedNeverWrittenThrough) {
  const fs::path partial = path_.string() + ".partial";
  ASSERT_EQ(mkfifo(partial.c_str(), 0600), 0);
  const auto [code, said] = run_in_child([&](int) {
    graph_.write_snapshot(path_, "gen-2");  // opening the FIFO for writing would wait for a reader
    return 0;
  });
  EXPECT_EQ(code, 0) << said;
  EXPECT_TRUE(QueryGraph::map_snapshot(path_, "gen-2"));

  testing::write_file(dir_ / "elsewhere", "keep me");
  fs::create_symlink(dir_ / "elsewhere", partial);
  graph_.write_snapshot(path_, "gen-3");
  EXPECT_EQ(testing::read_file(dir_ / "elsewhere"), "keep me");
  EXPECT_TRUE(QueryGraph::map_snapshot(path_, "gen-3"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(partial)));
}

// Load: the same rules through a real store.
class SnapshotLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::open(db_, Store::OpenMode::CreateIfMissing);
    auto txn = store.begin();
    for (const char* id : {"co-a", "co-b", "co-c"}) {
      EntityRecord entity;
      entity.id = id;
      store.upsert_entity(entity);
    }
    RelationRecord supplies;
    supplies.id = "co-a-supplies-co-b";
    supplies.kind = RelationKind::Supplies;
    supplies.src = "co-a";
    supplies.dst = "co-b";
    store.upsert_relation(supplies, store.find_entity("co-a")->row, store.find_entity("co-b")->row);
    txn.commit();
  }
  Store open() const { return Store::open(db_, Store::OpenMode::ReadOnlyExisting); }
  fs::path snapshot() const { return QueryGraph::snapshot_path(db_); }

  testing::TempDir dir_;
  fs::path db_ = dir_ / "a.db";
};

TEST_F(SnapshotLoad, DamagedSnapshotIsRebuiltWithAWarningAndGivesTheSameGraph) {
  const auto store = open();
  QueryGraph::load(store);
  std::string bytes = testing::read_file(snapshot());
  bytes[168] = static_cast<char>(bytes[168] ^ 0x80);  // the flip of the report
  testing::write_file(snapshot(), bytes);
  CapturedWarnings warnings;
  QueryGraph::SnapshotOutcome outcome;
  const auto graph = QueryGraph::load(store, outcome);
  EXPECT_FALSE(outcome.mapped);
  EXPECT_TRUE(outcome.written);
  ASSERT_EQ(warnings.lines().size(), 1u);
  EXPECT_NE(
      warnings.lines()[0].find("is damaged (checksum mismatch): rebuilding it from the database"),
      std::string::npos)
      << warnings.lines()[0];
  EXPECT_EQ(graph.vertex_count(), 3u);
  ASSERT_EQ(graph.edge_count(), 1u);
  EXPECT_EQ(graph.id(graph.edge_target(0)), "co-b");
  EXPECT_TRUE(QueryGraph::load(store, outcome).is_mapped());  // the rebuilt snapshot is used again
  EXPECT_EQ(warnings.lines().size(), 1u);
}

TEST_F(SnapshotLoad, UnsavableSnapshotIsBuiltInMemoryWithAWarning) {
  // Something in the way of the rename stands for a folder that cannot be written to.
  fs::remove(snapshot());
  fs::create_directory(snapshot());
  const auto store = open();
  CapturedWarnings warnings;
  QueryGraph::SnapshotOutcome outcome;
  const auto graph = QueryGraph::load(store, outcome);
  EXPECT_EQ(graph.edge_count(), 1u);
  EXPECT_FALSE(outcome.mapped);
  EXPECT_FALSE(outcome.written);
  EXPECT_NE(outcome.not_written.find("cannot write the query graph snapshot"), std::string::npos)
      << outcome.not_written;
  ASSERT_EQ(warnings.lines().size(), 2u);
  EXPECT_NE(warnings.lines()[0].find("is not a regular file"), std::string::npos)
      << warnings.lines()[0];
  EXPECT_NE(warnings.lines()[1].find("built in memory for this command only"), std::string::npos)
      << warnings.lines()[1];
  for (const auto& name : file_names(dir_.path()))
    EXPECT_EQ(name.find(".partial"), std::string::npos) << name;
}

TEST_F(SnapshotLoad, FullDiskDuringLoadIsReportedAndTheAnswerIsStillRight) {
  fs::remove(snapshot());
  const auto [code, said] = run_in_child([&](int fd) {
    const auto store = open();
    store.generation();  // SQLite's shared-memory file exists before the limit
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{512, 512};  // the header fits, the sections do not
    setrlimit(RLIMIT_FSIZE, &limit);
    CapturedWarnings warnings;
    QueryGraph::SnapshotOutcome outcome;
    const auto graph = QueryGraph::load(store, outcome);
    for (const auto& line : warnings.lines()) reply(fd, line + "\n");
    return !outcome.written && !outcome.not_written.empty() && graph.edge_count() == 1 ? 0 : 1;
  });
  EXPECT_EQ(code, 0) << said;
  EXPECT_NE(said.find("File too large; the query graph was built in memory for this command only"),
            std::string::npos)
      << said;
  EXPECT_FALSE(fs::exists(snapshot()));
  for (const auto& name : file_names(dir_.path()))
    EXPECT_EQ(name.find(".partial"), std::string::npos) << name;
}

TEST_F(SnapshotLoad, FifoAtTheSnapshotPathIsReplacedNotRead) {
  fs::remove(snapshot());
  ASSERT_EQ(mkfifo(snapshot().c_str(), 0600), 0);
  const auto [code, said] = run_in_child([&](int) {
    const auto store = open();
    CapturedWarnings warnings;
    const auto graph = QueryGraph::load(store);
    return graph.edge_count() == 1 && warnings.lines().size() == 1 ? 0 : 1;
  });
  EXPECT_EQ(code, 0) << said;
  ASSERT_TRUE(fs::is_regular_file(snapshot()));  // else the load below would wait on the FIFO
  EXPECT_TRUE(QueryGraph::load(open()).is_mapped());
}

TEST_F(SnapshotLoad, UnknownKindCodeInTheStoreStopsTheBuildWithADamageMessage) {
  {
    auto store = Store::open(db_, Store::OpenMode::CreateIfMissing);
    ASSERT_EQ(
        sqlite3_exec(store.handle(),
                     "PRAGMA foreign_keys = OFF; UPDATE entity SET kind = 99 WHERE ext_id = 'co-b'",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
  }
  const auto store = open();
  try {
    QueryGraph::build_from_store(store);
    ADD_FAILURE() << "built a graph with kind code 99";
  } catch (const Error& e) {
    // Whichever reads the code first (the store or the build) says so; never "array::at".
    EXPECT_EQ(std::string(e.what()).rfind("the database is damaged: ", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("code 99"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace flgraph::graph
