// tests/checks/layering_check_test.cpp: scripts/check-layering.py passes on the repository and
// catches each kind of violation on a small tree built to break one rule at a time.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct CheckResult {
  int exit_code = -1;
  std::string output;
};

CheckResult check_layering(const fs::path& root) {
  const std::string command =
      "python3 '" + (fs::path(FLGRAPH_SOURCE_DIR) / "scripts" / "check-layering.py").string() +
      "' --root '" + root.string() + "' 2>&1";
  CheckResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// Two libraries, lower/ and upper/, with upper/ allowed to use lower/ and not the reverse.
void write_tree(const fs::path& root) {
  write(root / "docs" / "ARCHITECTURE.md",
        "# Architecture\n\n## Which library may include which\n\n"
        "| folder | target | uses (flgraph) | main outside libraries |\n|---|---|---|---|\n"
        "| `lower/` | `flgraph::lower` | none | |\n| `upper/` | `flgraph::upper` | lower | |\n\n## "
        "Where to start\n");
  write(root / "lower" / "CMakeLists.txt", "add_library(flgraph_lower a.cpp)\n");
  write(root / "lower" / "a.h", "#pragma once\n");
  write(root / "lower" / "a.cpp", "#include \"lower/a.h\"\n");
  write(root / "upper" / "CMakeLists.txt",
        "target_link_libraries(flgraph_upper PUBLIC flgraph::lower)\n");
  write(root / "upper" / "b.h", "#pragma once\n#include \"lower/a.h\"\n");
  write(root / "upper" / "b.cpp", "#include \"upper/b.h\"\n");
}

}  // namespace

TEST(LayeringCheck, TheRepositoryIncludesOnlyWhatItsArchitectureAllows) {
  const auto result = check_layering(FLGRAPH_SOURCE_DIR);
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(LayeringCheck, AWellLayeredTreePasses) {
  flgraph::testing::TempDir temp;
  write_tree(temp.path());
  const auto result = check_layering(temp.path());
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(LayeringCheck, AnIncludeAgainstTheTableFailsNamingFileAndLine) {
  flgraph::testing::TempDir temp;
  write_tree(temp.path());
  write(temp / "lower" / "a.cpp", "#include \"lower/a.h\"\n#include \"upper/b.h\"\n");
  const auto result = check_layering(temp.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("lower/a.cpp:2: includes upper/b.h, but lower/ may not use upper/"),
            std::string::npos)
      << result.output;
}

TEST(LayeringCheck, ALinkAgainstTheTableFails) {
  flgraph::testing::TempDir temp;
  write_tree(temp.path());
  write(temp / "lower" / "CMakeLists.txt",
        "target_link_libraries(flgraph_lower PUBLIC flgraph::upper)\n");
  const auto result = check_layering(temp.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("lower/CMakeLists.txt: links flgraph::upper"), std::string::npos)
      << result.output;
}

TEST(LayeringCheck, SiblingsThatIncludeEachOtherFailAsACycle) {
  flgraph::testing::TempDir temp;
  write_tree(temp.path());
  write(temp / "upper" / "c.h", "#pragma once\n");
  write(temp / "upper" / "c.cpp", "#include \"upper/c.h\"\n#include \"upper/b.h\"\n");
  write(temp / "upper" / "b.cpp", "#include \"upper/b.h\"\n#include \"upper/c.h\"\n");
  const auto result = check_layering(temp.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("upper/: include cycle upper/b -> upper/c -> upper/b"),
            std::string::npos)
      << result.output;
}
