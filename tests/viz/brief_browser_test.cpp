// tests/viz/brief_browser_test.cpp: the HTML brief opened in a real browser, headless Chromium
// (Debian `chromium`, from scripts/install-test-clients.sh): it loads without a console message,
// the flow chart is in the rendered page, no script from the data runs, and a screenshot of the
// first page is left in the build folder (brief-first-page.png) for a person to look at.
#include <gtest/gtest.h>

#include <sstream>

#include "client_support.h"
#include "commands/brief_command.h"
#include "export_fixtures.h"
#include "importers/import.h"
#include "viz/brief.h"

namespace flgraph::viz {
namespace {
using commands::brief_command;

using testing::TempDir;

// An A4 page at 150 dpi.
constexpr int kPageWidthPx = 1240;
constexpr int kPageHeightPx = 1754;

std::string chromium_binary() {
  for (const char* name : {"chromium", "chromium-browser"}) {
    if (run_program({name, "--version"}).exit_code == 0) return name;
  }
  return "";
}

// Headless, with a profile of its own (tests run in parallel) and console messages logged to
// stderr. Chromium 156 logs every console message, whatever its level, as "...:INFO:CONSOLE:N]
// "text", source: ..." (older versions: "CONSOLE(N)"); CSP violations and uncaught errors too.
Run chromium(const std::string& binary, const std::filesystem::path& profile,
             const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {"timeout",
                                   "120",
                                   binary,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--user-data-dir=" + profile.string(),
                                   "--enable-logging=stderr",
                                   "--v=0",
                                   "--virtual-time-budget=5000"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_program(argv);
}

std::vector<std::string> console_messages(const std::string& log) {
  std::vector<std::string> messages;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(":CONSOLE") != std::string::npos || line.find("CONSOLE(") != std::string::npos)
      messages.push_back(line);
  }
  return messages;
}

std::string file_url(const std::filesystem::path& path) {
  return "file://" + std::filesystem::absolute(path).string();
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes.at(at + i));
  return value;
}

class BriefInChromium : public ::testing::Test {
 protected:
  void SetUp() override { binary_ = chromium_binary(); }
  std::filesystem::path write_brief(const std::filesystem::path& db, const std::string& id,
                                    const std::string& folder) {
    BriefRequest request;
    request.output_dir = dir_ / folder;
    request.as_of = graph::parse_date("2024-05-01");
    brief_command({db, false}, id, request);
    return request.output_dir / kBriefHtml;
  }
  std::string binary_;
  TempDir dir_;
};

TEST_F(BriefInChromium, ConsoleErrorsOfAPageAreSeenSoTheCheckCanFail) {
  REQUIRE_CLIENT(!binary_.empty(), "chromium");
  testing::write_file(
      dir_ / "broken.html",
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><p>x</p>"
      "<script>console.error('deliberate console error');</script></body></html>");
  const auto run =
      chromium(binary_, dir_ / "profile",
               {"--screenshot=" + (dir_ / "broken.png").string(), file_url(dir_ / "broken.html")});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto messages = console_messages(run.err);
  ASSERT_EQ(messages.size(), 1u) << run.err;
  EXPECT_NE(messages.front().find("deliberate console error"), std::string::npos)
      << messages.front();
}

TEST_F(BriefInChromium, SampleBriefLoadsCleanlyWithTheFlowChartAndLeavesAFirstPageScreenshot) {
  REQUIRE_CLIENT(!binary_.empty(), "chromium");
  testing::import_sample(dir_ / "sample.db");
  const auto html = write_brief(dir_ / "sample.db", "co-harbor-retail", "brief");
  const std::filesystem::path screenshot =
      std::filesystem::path(FLGRAPH_BUILD_DIR) / "brief-first-page.png";
  std::filesystem::remove(screenshot);

  const auto shot =
      chromium(binary_, dir_ / "profile-shot",
               {"--screenshot=" + screenshot.string(),
                fmt::format("--window-size={},{}", kPageWidthPx, kPageHeightPx), file_url(html)});
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  const auto messages = console_messages(shot.err);
  EXPECT_TRUE(messages.empty()) << messages.front();
  const auto png = testing::read_file(screenshot);
  ASSERT_GT(png.size(), 24u) << screenshot;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(big_endian(png, 16), static_cast<std::uint32_t>(kPageWidthPx));
  EXPECT_EQ(big_endian(png, 20), static_cast<std::uint32_t>(kPageHeightPx));
  EXPECT_GT(png.size(), 50'000u) << "a first page with text has more than blank pixels";

  const auto dom = chromium(binary_, dir_ / "profile-dom", {"--dump-dom", file_url(html)});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_TRUE(console_messages(dom.err).empty()) << dom.err;
  const auto flow_chart = dom.out.find("<section id=\"flow-chart\">");
  ASSERT_NE(flow_chart, std::string::npos) << dom.out.substr(0, 2000);
  const auto svg = dom.out.find("<svg", flow_chart);
  ASSERT_NE(svg, std::string::npos);
  EXPECT_NE(dom.out.find("class=\"node\"", svg), std::string::npos);
  EXPECT_NE(dom.out.find("Harbor Retail Group (illustrative)", svg), std::string::npos);
  EXPECT_EQ(fixtures::find_canary(dom.out), "");
}

TEST_F(BriefInChromium, MarkupInTheDataStaysTextInTheRenderedPage) {
  REQUIRE_CLIENT(!binary_.empty(), "chromium");
  importers::import_into_database(dir_ / "hostile.db", {testing::fixture("brief/hostile")}, {});
  const auto html = write_brief(dir_ / "hostile.db", "co-hostile", "brief");
  const auto dom = chromium(binary_, dir_ / "profile", {"--dump-dom", file_url(html)});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  // A script element would also be refused by the page's Content-Security-Policy, with a message.
  EXPECT_TRUE(console_messages(dom.err).empty()) << dom.err;
  for (const char* element : {"<script", "<img", "<iframe", "<b>"}) {
    EXPECT_EQ(dom.out.find(element), std::string::npos) << element;
  }
  EXPECT_NE(dom.out.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace flgraph::viz
