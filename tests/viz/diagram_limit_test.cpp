// tests/viz/diagram_limit_test.cpp: selections too large to draw: diagrams are refused with the
// limit and how to narrow, and bundles complete with the data and a note instead.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "commands/read_commands.h"
#include "export_fixtures.h"
#include "viz/bundle_verify.h"
#include "viz/diagram.h"
#include "viz/evidence_bundle.h"

namespace flgraph::viz {
namespace {
using commands::ReadOptions;

using commands::export_selection_command;
using commands::ExportFormat;
using commands::ExportRequest;
using testing::TempDir;

// One entity over the limit; the relations stay under theirs.
class TooLargeToDraw : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    fixtures::import_synthetic(*dir_ / "large.db", *dir_ / "in",
                               static_cast<int>(kMaxDiagramEntities) + 1);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  ReadOptions read() const { return {*dir_ / "large.db", false}; }
  static TempDir* dir_;
};
TempDir* TooLargeToDraw::dir_ = nullptr;

TEST_F(TooLargeToDraw, SvgDotAndPngExportsAreRefusedNamingTheLimitAndHowToNarrow) {
  for (const auto format : {ExportFormat::Svg, ExportFormat::Dot, ExportFormat::Png}) {
    ExportRequest request;
    request.format = format;
    request.output = *dir_ / "diagram.out";
    try {
      export_selection_command(read(), request);
      ADD_FAILURE() << "expected a refusal";
    } catch (const Error& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(fmt::format("has {} entities", kMaxDiagramEntities + 1)),
                std::string::npos)
          << message;
      EXPECT_NE(message.find(fmt::format("at most {} entities and {} relations",
                                         kMaxDiagramEntities, kMaxDiagramRelations)),
                std::string::npos)
          << message;
      EXPECT_NE(message.find("--around"), std::string::npos) << message;
    }
    EXPECT_FALSE(std::filesystem::exists(*dir_ / "diagram.out"));
  }
}

TEST_F(TooLargeToDraw, BundleCompletesWithTheDataAndANoteInsteadOfTheDiagram) {
  ExportRequest request;
  request.format = ExportFormat::Bundle;
  request.output = *dir_ / "bundle";
  export_selection_command(read(), request);
  const auto bundle = nlohmann::json::parse(testing::read_file(*dir_ / "bundle" / kBundleJson));
  EXPECT_EQ(bundle["entities"].size(), kMaxDiagramEntities + 1);
  const auto svg = testing::read_file(*dir_ / "bundle" / kBundleDiagram);
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(svg.c_str()));
  EXPECT_NE(svg.find("Diagram not drawn"), std::string::npos);
  EXPECT_NE(svg.find(fmt::format("at most {} entities", kMaxDiagramEntities)), std::string::npos);
  const auto index = testing::read_file(*dir_ / "bundle" / kBundleIndex);
  EXPECT_NE(index.find("- Diagram: not drawn, since the selection has"), std::string::npos)
      << index.substr(0, 1200);
  // The manifest covers the note like any diagram; the synthetic facts rest on no source, which
  // verify reports without failing the bundle.
  const auto check = verify_bundle(*dir_ / "bundle");
  EXPECT_TRUE(check.intact()) << check.problems.front();
  EXPECT_EQ(check.files, 3u);
  EXPECT_EQ(check.sourcing["no_source"].size(), check.sourcing["facts"].get<std::size_t>());
}

TEST(DiagramLimit, NoteSvgMatchesItsGoldenFile) {
  ShownGraph shown;
  shown.entities.resize(kMaxDiagramEntities + 1);
  shown.relations.resize(kMaxDiagramRelations + 1);
  EXPECT_EQ(render_svg_or_note(shown, {}),
            testing::read_file(testing::golden("diagram_not_drawn.svg")));
}

TEST(DiagramLimit, AGraphWithinTheLimitsIsDrawn) {
  ShownGraph shown;
  EXPECT_FALSE(diagram_size_problem(shown).has_value());
  shown.relations.resize(kMaxDiagramRelations + 1);
  EXPECT_TRUE(diagram_size_problem(shown).has_value());
}

}  // namespace
}  // namespace flgraph::viz
