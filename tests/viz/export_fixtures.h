// tests/viz/export_fixtures.h: databases the export tests share: the sample, and a synthetic
// supply graph of a chosen size.
#pragma once
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "importers/import.h"
#include "test_support.h"

namespace flgraph::viz::fixtures {

// Names and ids of the sample's protected persons and sources (datasets/sample/).
inline const std::vector<std::string> kCanaries = {
    "Canary Witness", "canary witness", "Canary",        "canary",
    "pe-canary",      "src-testimony",  "Interview with"};

// Returns the first canary found in `text`, or "".
inline std::string find_canary(const std::string& text) {
  for (const auto& canary : kCanaries) {
    if (text.find(canary) != std::string::npos) return canary;
  }
  return "";
}

// A layered supply graph of `node_count` entities (state entities -> sites -> companies, cases
// documenting sites, companies supplying each other), with explicit confidences; deterministic.
inline void import_synthetic(const std::filesystem::path& db, const std::filesystem::path& folder,
                             int node_count) {
  std::filesystem::create_directories(folder);
  std::string nodes = "id,kind,name,country\n";
  std::string edges = "src,dst,kind,date_from,date_to,confidence\n";
  const int states = std::max(1, node_count / 20);
  const int cases = std::max(1, node_count / 20);
  const int sites = std::max(1, node_count / 5);
  const int companies = std::max(1, node_count - states - cases - sites);
  for (int i = 0; i < states; ++i)
    nodes += fmt::format("se-{:03},state_entity,State bureau {},KP\n", i, i);
  for (int i = 0; i < sites; ++i) nodes += fmt::format("si-{:03},site,Work site {},CN\n", i, i);
  for (int i = 0; i < companies; ++i)
    nodes += fmt::format("co-{:03},company,Trading company {},CN\n", i, i);
  for (int i = 0; i < cases; ++i)
    nodes += fmt::format("ca-{:03},case,Documented case {},CN\n", i, i);
  int edge = 0;
  auto add = [&](const std::string& src, const std::string& dst, const char* kind,
                 double confidence) {
    ++edge;
    edges += fmt::format("{},{},{},2019-01-01,,{}\n", src, dst, kind, confidence);
  };
  for (int i = 0; i < sites; ++i) {
    add(fmt::format("se-{:03}", i % states), fmt::format("si-{:03}", i), "dispatches_workers", 0.9);
    add(fmt::format("si-{:03}", i), fmt::format("co-{:03}", i % companies), "operated_by", 0.8);
  }
  for (int i = 0; i < cases; ++i)
    add(fmt::format("ca-{:03}", i), fmt::format("si-{:03}", (i * 7) % sites), "documents", 0.9);
  for (int i = 1; i < companies; ++i) {
    add(fmt::format("co-{:03}", i), fmt::format("co-{:03}", (i * 13 + 5) % i), "supplies",
        i % 4 == 0 ? 0.3 : 0.7);
  }
  testing::write_file(folder / "nodes.csv", nodes);
  testing::write_file(folder / "edges.csv", edges);
  importers::import_into_database(db, {folder / "nodes.csv", folder / "edges.csv"}, {});
}

}  // namespace flgraph::viz::fixtures
