// bench/name_pair_eval.cpp: precision, recall and F1 of the name matcher on the labelled pairs of
// bench/name_pairs/pairs.csv, per script pair and failure kind, beside nomenklatura's published
// logic-v2 scores where it publishes them, and the F1 at each threshold (for choosing it).
//
//   flgraph_name_pairs [PAIRS_CSV] [--threshold X] [--misses]
//
// A pair is predicted a match when the candidate is among the records the index proposes for the
// query (blocking, kinds, qualifiers: what `flgraph match` does) with a score at or above the
// threshold. Token statistics come from an index of every name in the file.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "importers/csv_reader.h"
#include "resolve/name_matcher.h"

namespace {

namespace resolve = flgraph::resolve;

#ifndef FLGRAPH_SOURCE_DIR
#define FLGRAPH_SOURCE_DIR "."
#endif

struct Pair {
  std::string id;
  std::string query;
  resolve::Qualifiers query_qualifiers;
  std::string candidate;
  resolve::Qualifiers candidate_qualifiers;
  bool same = false;
  std::string script_pair;
  std::string failure_kind;
  std::string origin;
  std::optional<double> nomenklatura;
  double score = 0.0;
};

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ';')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::vector<Pair> read_pairs(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  flgraph::importers::CsvReader reader(path.string(), content);
  flgraph::importers::CsvRow row;
  std::map<std::string, std::size_t> column;
  std::vector<Pair> out;
  auto get = [&](const char* name) -> const std::string& { return row.fields.at(column.at(name)); };
  auto qualifiers = [&](const char* prefix) {
    const std::string p(prefix);
    resolve::Qualifiers q;
    q.kind = get((p + "_kind").c_str());
    q.country = get((p + "_country").c_str());
    if (!get((p + "_dob").c_str()).empty()) q.birth_dates.push_back(get((p + "_dob").c_str()));
    q.identifiers = split_ids(get((p + "_id_number").c_str()));
    return q;
  };
  bool header = true;
  while (reader.next(row)) {
    if (header) {
      for (std::size_t i = 0; i < row.fields.size(); ++i) column[row.fields[i]] = i;
      header = false;
      continue;
    }
    Pair pair;
    pair.id = get("id");
    pair.query = get("query");
    pair.query_qualifiers = qualifiers("query");
    pair.candidate = get("candidate");
    pair.candidate_qualifiers = qualifiers("candidate");
    pair.same = get("same") == "1";
    pair.script_pair = get("script_pair");
    pair.failure_kind = get("failure_kind");
    pair.origin = get("origin");
    if (!get("nomenklatura_logic_v2").empty())
      pair.nomenklatura = std::stod(get("nomenklatura_logic_v2"));
    out.push_back(std::move(pair));
  }
  return out;
}

struct Counts {
  std::size_t tp = 0, fp = 0, fn = 0, tn = 0;
  void add(bool same, bool predicted) {
    if (same && predicted) ++tp;
    if (same && !predicted) ++fn;
    if (!same && predicted) ++fp;
    if (!same && !predicted) ++tn;
  }
  double precision() const { return tp + fp == 0 ? 1.0 : double(tp) / double(tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : double(tp) / double(tp + fn); }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
  }
  std::size_t total() const { return tp + fp + fn + tn; }
};

std::string row(const std::string& name, const Counts& c) {
  return fmt::format("| {} | {} | {} | {} | {} | {} | {:.3f} | {:.3f} | {:.3f} |", name, c.total(),
                     c.tp, c.fp, c.fn, c.tn, c.precision(), c.recall(), c.f1());
}

constexpr const char* kHeader =
    "| | pairs | TP | FP | FN | TN | precision | recall | F1 "
    "|\n|---|---|---|---|---|---|---|---|---|";

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path path = FLGRAPH_SOURCE_DIR "/bench/name_pairs/pairs.csv";
  double threshold = resolve::kDefaultMatchThreshold;
  bool misses = false;
  std::string explain;  // --explain ID: the explanation of one pair
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--threshold" && i + 1 < argc) {
      threshold = std::stod(argv[++i]);
    } else if (arg == "--pair" && i + 2 < argc) {
      // Explains two names given on the command line, without token statistics.
      const auto a = resolve::normalize_name(argv[i + 1]);
      const auto b = resolve::normalize_name(argv[i + 2]);
      const auto score = resolve::score_names(a, b);
      std::cout << fmt::format("'{}' | '{}'\n", a.text(), b.text());
      for (const auto& f : score.features)
        std::cout << fmt::format("  {} {:.3f} w{:.2f} {}\n", f.name, f.value, f.weight, f.detail);
      for (const auto& al : score.alignments)
        std::cout << fmt::format("  {} ~ {} {:.2f} {}\n", al.query, al.candidate, al.similarity,
                                 al.how);
      std::cout << fmt::format("  score {:.3f}\n", score.score);
      return 0;
    } else if (arg == "--explain" && i + 1 < argc) {
      explain = argv[++i];
    } else if (arg == "--misses") {
      misses = true;
    } else {
      path = arg;
    }
  }
  auto pairs = read_pairs(path);

  // One record per distinct candidate (name and qualifiers), as a store would hold it.
  resolve::NameIndex index;
  std::map<std::string, std::size_t> record_of;
  auto key_of = [](const std::string& name, const resolve::Qualifiers& q) {
    return fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", name, q.kind, q.country,
                       fmt::join(q.birth_dates, ";"), fmt::join(q.identifiers, ";"));
  };
  for (const auto& pair : pairs) {
    const auto key = key_of(pair.candidate, pair.candidate_qualifiers);
    if (record_of.count(key) != 0) continue;
    resolve::IndexedRecord record;
    record.id = pair.id;
    record.qualifiers = pair.candidate_qualifiers;
    record.names.push_back(pair.candidate);
    record_of[key] = index.add(std::move(record));
  }
  for (auto& pair : pairs) {
    const auto record = record_of.at(key_of(pair.candidate, pair.candidate_qualifiers));
    const auto keep = [&](std::size_t r) { return r == record; };
    const auto found =
        index.match(resolve::name_readings(pair.query), pair.query_qualifiers, 1, 0.0, keep);
    pair.score = found.empty() ? 0.0 : found.front().score.score;
    if (pair.id != explain) continue;
    // Explain the reading of the query that scored best, as match() chose it.
    const auto readings = resolve::name_readings(pair.query);
    const auto candidate_name = index.normalized_names(record).front();
    const auto reading_score = [&](const resolve::NormalizedName& reading) {
      return resolve::score_qualified(reading, pair.query_qualifiers, candidate_name,
                                      pair.candidate_qualifiers, &index.statistics())
          .score;
    };
    for (const auto& reading : readings)
      std::cout << fmt::format("reading '{}' {:.3f}\n", reading.text(), reading_score(reading));
    const auto& query = *std::max_element(
        readings.begin(), readings.end(),
        [&](const auto& a, const auto& b) { return reading_score(a) < reading_score(b); });
    const auto blocked = index.candidate_records(query);
    std::cout << fmt::format("{} | {}: blocked {} query '{}' candidate '{}'\n", pair.query,
                             pair.candidate,
                             std::binary_search(blocked.begin(), blocked.end(), record),
                             query.text(), index.normalized_names(record).front().text());
    std::cout << fmt::format(
        "  keys q: {}\n  keys c: {}\n", fmt::join(resolve::blocking_keys(query), " "),
        fmt::join(resolve::blocking_keys(index.normalized_names(record).front()), " "));
    const auto score = resolve::score_qualified(query, pair.query_qualifiers,
                                                index.normalized_names(record).front(),
                                                pair.candidate_qualifiers, &index.statistics());
    for (const auto& f : score.features)
      std::cout << fmt::format("  {} {:.3f} w{:.2f} {}\n", f.name, f.value, f.weight, f.detail);
    for (const auto& a : score.alignments)
      std::cout << fmt::format("  {} ~ {} {:.2f} {}\n", a.query, a.candidate, a.similarity, a.how);
    std::cout << fmt::format("  score {:.3f}\n", score.score);
    return 0;
  }

  Counts all;
  std::map<std::string, Counts> by_script, by_kind;
  Counts ours_on_nk, nk;
  for (const auto& pair : pairs) {
    const bool predicted = pair.score >= threshold;
    all.add(pair.same, predicted);
    by_script[pair.script_pair].add(pair.same, predicted);
    by_kind[pair.failure_kind].add(pair.same, predicted);
    if (pair.nomenklatura) {
      ours_on_nk.add(pair.same, predicted);
      nk.add(pair.same, *pair.nomenklatura >= 0.7);
    }
  }
  Counts cross;
  for (const auto& pair : pairs) {
    const auto dash = pair.script_pair.find('-');
    if (pair.script_pair.substr(0, dash) != pair.script_pair.substr(dash + 1))
      cross.add(pair.same, pair.score >= threshold);
  }
  std::cout << fmt::format("## Name pairs ({}, threshold {:.2f})\n\n{}\n{}\n{}\n\n",
                           path.filename().string(), threshold, kHeader, row("all", all),
                           row("cross-script", cross));
  std::cout << "### Per script pair\n\n" << kHeader << '\n';
  for (const auto& [name, counts] : by_script) std::cout << row(name, counts) << '\n';
  std::cout << "\n### Per failure kind\n\n" << kHeader << '\n';
  for (const auto& [name, counts] : by_kind) std::cout << row(name, counts) << '\n';
  std::cout << "\n### On the pairs nomenklatura publishes logic-v2 scores for\n\n"
            << kHeader << '\n'
            << row("flgraph", ours_on_nk) << '\n'
            << row("nomenklatura logic-v2 (score >= 0.7)", nk) << "\n\n";
  std::cout
      << "### F1 by threshold\n\n| threshold | precision | recall | F1 |\n|---|---|---|---|\n";
  for (int step = 50; step <= 90; step += 2) {
    const double t = step / 100.0;
    Counts c;
    for (const auto& pair : pairs) c.add(pair.same, pair.score >= t);
    std::cout << fmt::format("| {:.2f} | {:.3f} | {:.3f} | {:.3f} |\n", t, c.precision(),
                             c.recall(), c.f1());
  }
  if (misses) {
    std::cout << "\n### Misses\n\n";
    for (const auto& pair : pairs) {
      const bool predicted = pair.score >= threshold;
      if (predicted == pair.same) continue;
      std::cout << fmt::format("{} {} {:.3f} [{} {}] {} | {} ({} {})\n", pair.id,
                               pair.same ? "FN" : "FP", pair.score, pair.script_pair,
                               pair.failure_kind, pair.query, pair.candidate,
                               pair.query_qualifiers.kind, pair.candidate_qualifiers.kind);
    }
  }
  return 0;
}
