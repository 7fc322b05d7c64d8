// bench/name_matching_quality.cpp: precision, recall and F1 of name matching on real OFAC DPRK
// aliases, the score distributions behind the default threshold, and blocking at 100k x 100k.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "importers/csv_reader.h"
#include "resolve/name_matcher.h"
#include "synthetic_names.h"

namespace {

namespace resolve = flgraph::resolve;
using flgraph::bench::kVariants;
using flgraph::bench::make_synthetic;

#ifndef FLGRAPH_SHARED
#define FLGRAPH_SHARED "../shared"
#endif

struct Entry {
  std::string ent_num;
  std::string group;  // organisation, individual, vessel, aircraft
  std::string name;
  std::vector<std::pair<std::string, std::string>> aliases;  // (alias, where it came from)
};

resolve::Qualifiers kind_only(const std::string& kind) {
  resolve::Qualifiers out;
  out.kind = kind;
  return out;
}

struct Pair {
  std::string query;
  std::string candidate;
  std::string note;
  double score = 0.0;
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  std::string text = out.str();
  // OFAC's files end with a DOS end-of-file byte (0x1A).
  while (!text.empty() && (text.back() == '\x1a' || text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

std::vector<std::vector<std::string>> read_rows(const std::filesystem::path& path) {
  const std::string text = read_text(path);
  flgraph::importers::CsvReader reader(path.string(), text);
  flgraph::importers::CsvRow row;
  std::vector<std::vector<std::string>> rows;
  while (reader.next(row)) rows.push_back(row.fields);
  return rows;
}

std::string field(const std::vector<std::string>& row, std::size_t index) {
  if (index >= row.size()) return "";
  std::string value = row[index];
  while (!value.empty() && value.back() == ' ') value.pop_back();
  return value == "-0-" ? "" : value;
}

bool is_dprk_programs(const std::string& programs) {
  std::string cleaned;
  for (char c : programs) cleaned += (c == '[' || c == ']') ? ' ' : c;
  std::istringstream words(cleaned);
  std::string program;
  while (words >> program) {
    if (program == "DPRK" || program == "DPRK2" || program == "DPRK3" || program == "DPRK4" ||
        program == "DPRK-NKSPEA") {
      return true;
    }
  }
  return false;
}

std::string group_of(const std::string& type) {
  if (type == "individual" || type == "vessel" || type == "aircraft") return type;
  return "organisation";
}

// a.k.a. 'NAME' and f.k.a. 'NAME' inside OFAC remarks.
std::vector<std::string> remark_aliases(const std::string& remarks) {
  std::vector<std::string> out;
  for (const std::string marker : {"a.k.a. '", "f.k.a. '"}) {
    std::size_t at = 0;
    while ((at = remarks.find(marker, at)) != std::string::npos) {
      const std::size_t start = at + marker.size();
      std::size_t end = start;
      while (end < remarks.size()) {
        if (remarks[end] == '\'' &&
            (end + 1 == remarks.size() || remarks[end + 1] == ';' || remarks[end + 1] == ')' ||
             remarks[end + 1] == ',' || remarks[end + 1] == '.')) {
          break;
        }
        ++end;
      }
      if (end > start) out.push_back(remarks.substr(start, end - start));
      at = end;
    }
  }
  return out;
}

// Upper-case words, punctuation removed: a plain tokenisation independent of the matcher, used
// only to pick hard negatives.
std::set<std::string> plain_words(const std::string& name) {
  std::set<std::string> words;
  std::string word;
  for (char c : name + " ") {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      word += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    } else if (c != '\'') {
      if (!word.empty()) words.insert(word);
      word.clear();
    }
  }
  return words;
}

double jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t common = 0;
  for (const auto& word : a) common += b.count(word);
  const std::size_t all = a.size() + b.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

double percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

struct Metrics {
  std::size_t tp = 0, fn = 0, fp = 0, tn = 0;
  double precision() const {
    return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
  }
  double recall() const {
    return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
  }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
  }
};

Metrics metrics_at(const std::vector<Pair>& positives, const std::vector<Pair>& negatives,
                   double threshold) {
  Metrics m;
  for (const auto& p : positives) (p.score >= threshold ? m.tp : m.fn)++;
  for (const auto& n : negatives) (n.score >= threshold ? m.fp : m.tn)++;
  return m;
}

void print_histogram(const std::vector<Pair>& positives, const std::vector<Pair>& negatives) {
  constexpr int kBins = 20;
  std::vector<std::size_t> pos(kBins, 0), neg(kBins, 0);
  auto bin = [](double score) { return std::min(kBins - 1, static_cast<int>(score * kBins)); };
  for (const auto& p : positives) ++pos[static_cast<std::size_t>(bin(p.score))];
  for (const auto& n : negatives) ++neg[static_cast<std::size_t>(bin(n.score))];
  fmt::print("| score | positives | hard negatives |\n|---|---:|---:|\n");
  for (int b = 0; b < kBins; ++b) {
    const auto i = static_cast<std::size_t>(b);
    fmt::print("| {:.2f}-{:.2f} | {} | {} |\n", b / double(kBins), (b + 1) / double(kBins), pos[i],
               neg[i]);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path shared = FLGRAPH_SHARED;
  std::size_t synthetic = 100000;
  double threshold = resolve::kDefaultMatchThreshold;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--shared" && i + 1 < argc) {
      shared = argv[++i];
    } else if (arg == "--synthetic" && i + 1 < argc) {
      synthetic = std::stoul(argv[++i]);
    } else if (arg == "--threshold" && i + 1 < argc) {
      threshold = std::stod(argv[++i]);
    } else if (arg == "--list") {
      list = true;
    } else {
      std::cerr << "usage: flgraph_name_quality [--shared DIR] [--synthetic N] [--threshold T] "
                   "[--list]\n";
      return 2;
    }
  }
  const auto ofac = shared / "data" / "ofac";

  // Entries: DPRK programs in the 2021 set (with alt.csv) and in the 2024 file (remarks a.k.a.).
  std::map<std::string, Entry> entries;
  for (const auto& row : read_rows(ofac / "sdn_set_2021-07" / "sdn.csv")) {
    if (!is_dprk_programs(field(row, 3))) continue;
    entries[field(row, 0)] = {field(row, 0), group_of(field(row, 2)), field(row, 1), {}};
  }
  std::size_t alt_aliases = 0, remark_aliases_count = 0;
  for (const auto& row : read_rows(ofac / "sdn_set_2021-07" / "alt.csv")) {
    auto found = entries.find(field(row, 0));
    if (found == entries.end() || field(row, 3).empty()) continue;
    found->second.aliases.emplace_back(field(row, 3), "alt.csv " + field(row, 2));
    ++alt_aliases;
  }
  for (const auto& row : read_rows(ofac / "sdn_2024-05-03" / "sdn.csv")) {
    if (!is_dprk_programs(field(row, 3))) continue;
    auto [it, inserted] = entries.try_emplace(
        field(row, 0), Entry{field(row, 0), group_of(field(row, 2)), field(row, 1), {}});
    if (!inserted && it->second.name != field(row, 1))
      it->second.aliases.emplace_back(field(row, 1), "2024 name");
    for (const auto& alias : remark_aliases(field(row, 11))) {
      it->second.aliases.emplace_back(alias, "2024 remarks");
      ++remark_aliases_count;
    }
  }

  // Token statistics over every entry, as a store holding these lists would have them.
  resolve::NameIndex all_names;
  for (const auto& [ent_num, entry] : entries) {
    resolve::IndexedRecord record{ent_num, kind_only(entry.group), {entry.name}};
    for (const auto& alias : entry.aliases) record.names.push_back(alias.first);
    all_names.add(std::move(record));
  }
  const auto& statistics = all_names.statistics();
  auto score = [&](const std::string& a, const std::string& b) {
    return resolve::score_names(resolve::normalize_name(a), resolve::normalize_name(b), &statistics)
        .score;
  };

  std::vector<Pair> positives;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [ent_num, entry] : entries) {
    for (const auto& [alias, where] : entry.aliases) {
      if (alias == entry.name || !seen.insert({alias, entry.name}).second) continue;
      positives.push_back(
          {alias, entry.name, entry.group + ", " + where, score(alias, entry.name)});
    }
  }
  // Hard negatives: primary names of two different entries of one group sharing at least half
  // their words (Jaccard >= 0.5) without being the same words.
  std::vector<Pair> negatives;
  std::vector<const Entry*> list_entries;
  for (const auto& [ent_num, entry] : entries) list_entries.push_back(&entry);
  std::size_t identical_pairs = 0;
  for (std::size_t i = 0; i < list_entries.size(); ++i) {
    const auto words_i = plain_words(list_entries[i]->name);
    for (std::size_t j = i + 1; j < list_entries.size(); ++j) {
      if (list_entries[i]->group != list_entries[j]->group) continue;
      const auto words_j = plain_words(list_entries[j]->name);
      if (words_i == words_j) {
        ++identical_pairs;
        continue;
      }
      if (jaccard(words_i, words_j) < 0.5) continue;
      negatives.push_back({list_entries[i]->name, list_entries[j]->name, list_entries[i]->group,
                           score(list_entries[i]->name, list_entries[j]->name)});
    }
  }

  fmt::print("## Name matching\n\n");
  fmt::print(
      "Test set from ../shared/data/ofac: {} DPRK entries (2021 set and 2024 file); {} positives "
      "({} alt.csv "
      "aliases, {} 2024 remarks a.k.a./f.k.a., renamed entries; duplicates removed); {} hard "
      "negatives "
      "(different entries of one kind, word Jaccard >= 0.5; {} pairs with the very same words left "
      "out).\n\n",
      entries.size(), positives.size(), alt_aliases, remark_aliases_count, negatives.size(),
      identical_pairs);
  const auto at_default = metrics_at(positives, negatives, threshold);
  fmt::print(
      "At the default threshold {:.2f}: precision {:.3f}, recall {:.3f}, F1 {:.3f} (TP {}, FN {}, "
      "FP {}, TN {}).\n\n",
      threshold, at_default.precision(), at_default.recall(), at_default.f1(), at_default.tp,
      at_default.fn, at_default.fp, at_default.tn);

  // Aliases that are a spelling of the primary name (they share a distinctive word once folded,
  // or write its distinctive words as one) vs. aliases that are another name altogether
  // ("KOREA TANGUN TRADING CORPORATION" a.k.a. "RYUNGSENG TRADING CORPORATION").
  auto distinctive_folds = [](const std::string& name) {
    std::set<std::string> folds;
    std::string joined;
    for (const auto& token : resolve::normalize_name(name).tokens) {
      if (token.token_class != resolve::TokenClass::Distinctive) continue;
      folds.insert(token.fold);
      joined += token.fold;
    }
    if (!joined.empty()) folds.insert("@" + joined);
    return folds;
  };
  std::vector<Pair> variants, other_names;
  for (const auto& p : positives) {
    const auto a = distinctive_folds(p.query);
    const auto b = distinctive_folds(p.candidate);
    bool shares = a.empty() && b.empty();
    for (const auto& fold : a) shares = shares || b.count(fold) > 0;
    for (const auto& fold : b) shares = shares || a.count(fold) > 0;
    (shares ? variants : other_names).push_back(p);
  }
  const auto variant_metrics = metrics_at(variants, negatives, threshold);
  fmt::print(
      "Positives that are spellings of their primary name (a distinctive word in common once "
      "folded): {}; "
      "with the hard negatives: precision {:.3f}, recall {:.3f}, F1 {:.3f}. Aliases that are "
      "another name "
      "altogether (no distinctive word in common): {}, recall {:.3f}.\n\n",
      variants.size(), variant_metrics.precision(), variant_metrics.recall(), variant_metrics.f1(),
      other_names.size(), metrics_at(other_names, {}, threshold).recall());

  fmt::print(
      "| kind | positives | hard negatives | precision | recall | F1 "
      "|\n|---|---:|---:|---:|---:|---:|\n");
  for (const std::string group : {"organisation", "individual", "vessel", "aircraft"}) {
    std::vector<Pair> group_positives, group_negatives;
    for (const auto& p : positives) {
      if (p.note.rfind(group, 0) == 0) group_positives.push_back(p);
    }
    for (const auto& n : negatives) {
      if (n.note == group) group_negatives.push_back(n);
    }
    if (group_positives.empty() && group_negatives.empty()) continue;
    const auto m = metrics_at(group_positives, group_negatives, threshold);
    fmt::print("| {} | {} | {} | {:.3f} | {:.3f} | {:.3f} |\n", group, group_positives.size(),
               group_negatives.size(), m.precision(), m.recall(), m.f1());
  }
  fmt::print("\n");

  fmt::print("| threshold | precision | recall | F1 |\n|---:|---:|---:|---:|\n");
  double best_f1 = 0.0, best_threshold = 0.0;
  for (int step = 40; step <= 95; step += 5) {
    const double t = step / 100.0;
    const auto m = metrics_at(positives, negatives, t);
    fmt::print("| {:.2f} | {:.3f} | {:.3f} | {:.3f} |\n", t, m.precision(), m.recall(), m.f1());
  }
  for (int step = 30; step <= 99; ++step) {
    const auto m = metrics_at(positives, negatives, step / 100.0);
    if (m.f1() > best_f1) {
      best_f1 = m.f1();
      best_threshold = step / 100.0;
    }
  }
  fmt::print("\nBest F1 {:.3f} at threshold {:.2f}.\n\nScore distribution:\n\n", best_f1,
             best_threshold);
  print_histogram(positives, negatives);

  // Screening as `flgraph match` does it: primary names only in the index, each alias a query.
  resolve::NameIndex primaries;
  std::unordered_map<std::string, std::size_t> record_of;
  for (const auto& [ent_num, entry] : entries)
    record_of[ent_num] = primaries.add({ent_num, kind_only(entry.group), {entry.name}});
  std::size_t top_right = 0, top_wrong = 0, below = 0, blocked_out = 0;
  for (const auto& [ent_num, entry] : entries) {
    for (const auto& [alias, where] : entry.aliases) {
      const auto query = resolve::normalize_name(alias);
      const auto candidates = primaries.candidate_records(query);
      if (!std::binary_search(candidates.begin(), candidates.end(),
                              static_cast<std::uint32_t>(record_of[ent_num]))) {
        ++blocked_out;
      }
      const auto best = primaries.match(query, resolve::Qualifiers{}, 1, threshold);
      if (best.empty()) {
        ++below;
      } else if (primaries.record(best[0].record).id == ent_num) {
        ++top_right;
      } else {
        ++top_wrong;
      }
    }
  }
  const std::size_t queries = top_right + top_wrong + below;
  fmt::print(
      "\nScreening each alias against the {} primary names (blocking on): best candidate is its "
      "own entry "
      "{} ({:.1f}%), another entry {} ({:.1f}%), none at the threshold {}; own entry not among the "
      "blocked "
      "candidates {} times; {:.1f} candidates scored per query (all-pairs: {}).\n",
      primaries.size(), top_right, percent(top_right, queries), top_wrong,
      percent(top_wrong, queries), below, blocked_out,
      static_cast<double>(primaries.counts().candidate_records) / static_cast<double>(queries),
      primaries.size());

  // Screening against a store that holds the lists, as `flgraph match --file` runs it: every
  // entry's names are in the index (one record per name, so a single name can be held out).
  // Each alias is screened with that very alias held out (a spelling the store has not seen,
  // while it knows the entry's other names); each hard-negative name is screened with its own
  // entry held out (a look-alike of listed names that is not itself listed).
  {
    resolve::NameIndex store_names;
    std::vector<std::string> owner, name_of;
    for (const auto& [ent_num, entry] : entries) {
      std::set<std::string> names{entry.name};
      for (const auto& alias : entry.aliases) names.insert(alias.first);
      for (const auto& name : names) {
        store_names.add({ent_num, kind_only(entry.group), {name}});
        owner.push_back(ent_num);
        name_of.push_back(name);
      }
    }
    std::map<std::string, std::string> entry_of_name;  // primary name -> ent_num, for the negatives
    for (const auto& [ent_num, entry] : entries) entry_of_name.emplace(entry.name, ent_num);
    Metrics screening;
    std::size_t wrong_entry = 0;
    for (const auto& [ent_num, entry] : entries) {
      std::set<std::string> screened;
      for (const auto& alias : entry.aliases) {
        if (alias.first == entry.name || !screened.insert(alias.first).second) continue;
        const auto best = store_names.match(
            resolve::normalize_name(alias.first), resolve::Qualifiers{}, 1, threshold,
            [&](std::size_t record) {
              return !(owner[record] == ent_num && name_of[record] == alias.first) &&
                     entries.at(owner[record]).group == entry.group;
            });
        if (!best.empty() && owner[best[0].record] == ent_num) {
          ++screening.tp;
        } else {
          ++screening.fn;
          if (!best.empty()) ++screening.fp, ++wrong_entry;
        }
      }
    }
    // Each look-alike name once; a name that another entry also bears (two people named KIM,
    // Yong Chol) is a true match of that entry, not a look-alike, and is left out.
    std::map<std::string, std::set<std::string>> words_owners;
    for (std::size_t record = 0; record < owner.size(); ++record) {
      const auto words = plain_words(name_of[record]);
      words_owners[fmt::format("{}", fmt::join(words, " "))].insert(owner[record]);
    }
    std::set<std::string> negative_queries;
    for (const auto& negative : negatives) negative_queries.insert(negative.query);
    std::size_t homonyms = 0;
    for (const auto& query : negative_queries) {
      const auto held_out = entry_of_name.at(query);
      if (words_owners[fmt::format("{}", fmt::join(plain_words(query), " "))].size() > 1) {
        ++homonyms;
        continue;
      }
      const auto& group = entries.at(held_out).group;
      const auto best = store_names.match(resolve::normalize_name(query), resolve::Qualifiers{}, 1,
                                          threshold, [&](std::size_t record) {
                                            return owner[record] != held_out &&
                                                   entries.at(owner[record]).group == group;
                                          });
      if (best.empty()) {
        ++screening.tn;
      } else {
        ++screening.fp;
        if (list) {
          fmt::print("  negative {} -> {} [{}] {:.3f}\n", query, name_of[best[0].record],
                     owner[best[0].record], best[0].score.score);
        }
      }
    }
    fmt::print(
        "\nScreening against the lists as a store holds them ({} names of {} entries; each alias "
        "screened "
        "with itself held out, each hard-negative name with its own entry held out), at {:.2f}: "
        "precision "
        "{:.3f}, recall {:.3f}, F1 {:.3f} (TP {}, FN {}, FP {} of which {} an alias matched to "
        "another "
        "entry, TN {}). Candidates are of the query's kind; {} look-alike names borne by another "
        "entry too "
        "are left out.\n",
        store_names.size(), entries.size(), threshold, screening.precision(), screening.recall(),
        screening.f1(), screening.tp, screening.fn, screening.fp, wrong_entry, screening.tn,
        homonyms);
  }

  if (list) {
    std::sort(positives.begin(), positives.end(),
              [](const Pair& a, const Pair& b) { return a.score < b.score; });
    std::sort(negatives.begin(), negatives.end(),
              [](const Pair& a, const Pair& b) { return a.score > b.score; });
    fmt::print("\nPositives below the threshold:\n");
    for (const auto& p : positives) {
      if (p.score < threshold)
        fmt::print("  {:.3f}  {} ~ {}  [{}]\n", p.score, p.query, p.candidate, p.note);
    }
    fmt::print("\nHard negatives at or above the threshold - 0.15:\n");
    for (const auto& n : negatives) {
      if (n.score >= threshold - 0.15)
        fmt::print("  {:.3f}  {} ~ {}  [{}]\n", n.score, n.query, n.candidate, n.note);
    }
  }

  if (synthetic > 0) {
    const auto set = make_synthetic(synthetic);
    const auto started = std::chrono::steady_clock::now();
    resolve::NameIndex index;
    for (std::size_t i = 0; i < set.index_names.size(); ++i)
      index.add({std::to_string(i), kind_only("company"), {set.index_names[i]}});
    const auto built = std::chrono::steady_clock::now();
    // Queries run on two threads (the machines have two cores); each keeps its own tallies.
    struct Tally {
      std::uint64_t pairs = 0;
      std::size_t found = 0, matched = 0;
      std::vector<std::size_t> per_variant, found_per_variant, matched_per_variant;
    };
    constexpr std::size_t kThreads = 2;
    std::vector<Tally> tallies(kThreads);
    auto screen = [&](std::size_t thread) {
      auto& t = tallies[thread];
      t.per_variant.assign(kVariants.size(), 0);
      t.found_per_variant.assign(kVariants.size(), 0);
      t.matched_per_variant.assign(kVariants.size(), 0);
      for (std::size_t i = thread; i < set.queries.size(); i += kThreads) {
        const auto query = resolve::normalize_name(set.queries[i]);
        const auto candidates = index.candidate_records(query);
        t.pairs += candidates.size();
        const std::size_t change = set.variant[i];
        ++t.per_variant[change];
        if (std::binary_search(candidates.begin(), candidates.end(),
                               static_cast<std::uint32_t>(i))) {
          ++t.found;
          ++t.found_per_variant[change];
        }
        const auto best = index.match(query, resolve::Qualifiers{}, 1, threshold);
        if (!best.empty() && best[0].record == i) {
          ++t.matched;
          ++t.matched_per_variant[change];
        }
      }
    };
    std::vector<std::thread> threads;
    for (std::size_t thread = 0; thread < kThreads; ++thread) threads.emplace_back(screen, thread);
    for (auto& thread : threads) thread.join();
    std::uint64_t pairs = 0;
    std::size_t found = 0, matched = 0;
    std::vector<std::size_t> per_variant(kVariants.size(), 0),
        found_per_variant(kVariants.size(), 0), matched_per_variant(kVariants.size(), 0);
    for (const auto& t : tallies) {
      pairs += t.pairs;
      found += t.found;
      matched += t.matched;
      for (std::size_t v = 0; v < kVariants.size(); ++v) {
        per_variant[v] += t.per_variant[v];
        found_per_variant[v] += t.found_per_variant[v];
        matched_per_variant[v] += t.matched_per_variant[v];
      }
    }
    const auto done = std::chrono::steady_clock::now();
    const double all_pairs = static_cast<double>(synthetic) * static_cast<double>(synthetic);
    fmt::print(
        "\nBlocking, {} synthetic company names against {} variants of them: {} candidate pairs "
        "scored "
        "({:.1f} per query, {:.4f}% of the {:.0f} all-pairs); the true record was a candidate for "
        "{:.1f}% of "
        "queries and the best match at the threshold for {:.1f}%. Index built in {:.1f} s, queries "
        "ran in "
        "{:.1f} s on two threads.\n",
        synthetic, synthetic, pairs, static_cast<double>(pairs) / static_cast<double>(synthetic),
        100.0 * static_cast<double>(pairs) / all_pairs, all_pairs, percent(found, synthetic),
        percent(matched, synthetic), std::chrono::duration<double>(built - started).count(),
        std::chrono::duration<double>(done - built).count());
    fmt::print(
        "\n| variant | queries | true record a candidate | best match at the threshold "
        "|\n|---|---:|---:|---:|\n");
    for (std::size_t v = 0; v < kVariants.size(); ++v) {
      fmt::print("| {} | {} | {:.1f}% | {:.1f}% |\n", kVariants[v], per_variant[v],
                 percent(found_per_variant[v], per_variant[v]),
                 percent(matched_per_variant[v], per_variant[v]));
    }
  }
  return 0;
}
