// tests/queries/screen_test.cpp: supplier rows resolved (or not) and scored.
#include "queries/screen.h"

#include <gtest/gtest.h>

#include <atomic>

#include "graph_builder.h"

namespace flgraph::queries {
namespace {

using graph::EntityKind;
using graph::RelationKind;
using testing::GraphBuilder;

graph::QueryGraph small_graph() {
  GraphBuilder b;
  b.node("exposed", EntityKind::Company)
      .node("clean", EntityKind::Company)
      .node("case-1", EntityKind::Case)
      .edge("case-1", "exposed", RelationKind::Documents, 0.9f, "2019-01-01", "2019-12-31");
  return b.build();
}

// Resolves "Exposed Ltd" and "Clean Ltd" by name and anything with an id by id.
Resolution fake_resolve(const SupplierRow& row) {
  Resolution out;
  if (!row.id.empty()) {
    out.method = Resolution::Method::Id;
    out.entity_id = row.id;
    out.match_score = 1.0;
  } else if (row.name == "Exposed Ltd" || row.name == "Clean Ltd") {
    out.method = Resolution::Method::Name;
    out.entity_id = row.name == "Exposed Ltd" ? "exposed" : "clean";
    out.match_score = 0.9;
  } else {
    out.nearest_id = "clean";
    out.nearest_score = 0.4;
  }
  return out;
}

TEST(Screen, ReportsEachRowInOrderWithBandsAndUnmatchedRows) {
  const auto g = small_graph();
  const std::vector<SupplierRow> rows = {{2, "Exposed Ltd", "", ""},
                                         {3, "Clean Ltd", "", ""},
                                         {4, "Nobody Known", "", ""},
                                         {5, "", "", "exposed"}};
  const auto result = screen_suppliers(g, rows, fake_resolve, {});
  ASSERT_EQ(result.rows.size(), 4u);
  EXPECT_EQ(result.rows[0].input.line, 2u);
  ASSERT_TRUE(result.rows[0].exposure.has_value());
  EXPECT_NEAR(result.rows[0].exposure->score, 0.9, 1e-6);
  EXPECT_EQ(result.rows[0].exposure->band, ExposureBand::High);
  EXPECT_EQ(result.rows[1].exposure->band, ExposureBand::None);
  EXPECT_FALSE(result.rows[2].vertex.has_value());
  EXPECT_FALSE(result.rows[2].exposure.has_value());
  EXPECT_EQ(result.rows[2].resolution.nearest_id, "clean");  // reported, not taken
  EXPECT_EQ(result.rows[3].resolution.method, Resolution::Method::Id);
  EXPECT_EQ(result.unmatched, 1u);
  EXPECT_EQ(result.band_counts[static_cast<std::size_t>(ExposureBand::High)], 2u);
  EXPECT_EQ(result.band_counts[static_cast<std::size_t>(ExposureBand::None)], 1u);
}

TEST(Screen, AnIdTheGraphDoesNotHoldIsUnmatched) {
  const auto g = small_graph();
  const auto result = screen_suppliers(g, {{2, "", "", "no-such-entity"}}, fake_resolve, {});
  EXPECT_EQ(result.unmatched, 1u);
  EXPECT_EQ(result.rows[0].resolution.method, Resolution::Method::Unmatched);
}

TEST(Screen, ThreadsChangeNothingButTheTime) {
  const auto g = small_graph();
  std::vector<SupplierRow> rows;
  for (std::size_t i = 0; i < 50; ++i)
    rows.push_back({i + 2, i % 3 == 0 ? "Exposed Ltd" : "Clean Ltd", "", ""});
  const auto one = screen_suppliers(g, rows, fake_resolve, {}, 1);
  const auto two = screen_suppliers(g, rows, fake_resolve, {}, 2);
  ASSERT_EQ(one.rows.size(), two.rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(one.rows[i].exposure->score, two.rows[i].exposure->score);
  EXPECT_EQ(one.band_counts, two.band_counts);
}

}  // namespace
}  // namespace flgraph::queries
