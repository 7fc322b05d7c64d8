// bench/synthetic_names.cpp: company names built like the sanctions lists', with one variant each.
#include "synthetic_names.h"

#include <cstdint>
#include <random>

namespace flgraph::bench {
namespace {

// A deterministic generator (std distributions differ between standard libraries).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace

const std::vector<std::string> kVariants = {"respelt", "typo", "words dropped", "other legal form",
                                            "split word"};

SyntheticSet make_synthetic(std::size_t count) {
  const std::vector<std::string> syllables = {
      "ka",   "kang",  "kum", "song",  "ryong", "chol",  "san",  "pyong", "mun",  "hae",
      "dae",  "sung",  "nam", "chon",  "kwang", "myong", "hyok", "jin",   "tae",  "paek",
      "rim",  "ung",   "ho",  "sin",   "won",   "il",    "dan",  "dong",  "hong", "xiang",
      "zhi",  "cheng", "hui", "jiang", "yuan",  "tian",  "bao",  "hua",   "xin",  "long",
      "feng", "sheng", "da",  "lian",  "wei",   "hai",   "jun",  "bo",    "ri",   "ra",
      "do",   "ma",    "ok",  "yang",  "chun",  "su",    "man",  "sok"};
  const std::vector<std::string> places = {"KOREA",    "DANDONG",     "DALIAN",    "HONG KONG",
                                           "SHENYANG", "VLADIVOSTOK", "PYONGYANG", "SINGAPORE",
                                           "HUNCHUN",  "YANJI"};
  const std::vector<std::string> generic = {
      "TRADING",    "GENERAL",    "INDUSTRIAL",    "DEVELOPMENT", "SHIPPING",
      "INVESTMENT", "TECHNOLOGY", "IMPORT EXPORT", "MINING",      "FOOD",
      "MARINE",     "LOGISTICS",  "CONSTRUCTION",  "ECONOMIC",    "TEXTILE"};
  const std::vector<std::string> legal = {"CO., LTD.", "CORPORATION", "COMPANY",   "LLC",
                                          "LIMITED",   "OOO",         "PTE. LTD.", "GROUP"};
  const std::vector<std::pair<std::string, std::string>> respell = {
      {"ryong", "ryeong"}, {"chol", "cheol"}, {"kwang", "gwang"}, {"song", "sung"},
      {"pyong", "byong"},  {"dae", "tae"},    {"paek", "baek"},   {"jin", "chin"},
      {"rim", "lim"},      {"hyok", "hyeok"}};
  Rng rng(20240503);
  auto upper = [](std::string text) {
    for (auto& c : text) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return text;
  };
  auto word = [&] {
    std::string w;
    const std::size_t parts = 2 + rng.below(2);
    for (std::size_t k = 0; k < parts; ++k) w += syllables[rng.below(syllables.size())];
    return w;
  };
  SyntheticSet set;
  set.index_names.reserve(count);
  set.queries.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const bool with_place = rng.below(10) < 4;
    const std::string place = places[rng.below(places.size())];
    std::vector<std::string> distinctive = {word()};
    if (rng.below(10) < 3) distinctive.push_back(word());
    std::vector<std::string> generics = {generic[rng.below(generic.size())]};
    if (rng.below(2) == 0) generics.push_back(generic[rng.below(generic.size())]);
    const std::string form = legal[rng.below(legal.size())];
    auto compose = [&](const std::vector<std::string>& dist, const std::vector<std::string>& gen,
                       bool place_on, const std::string& legal_form) {
      std::string name = place_on ? place + " " : "";
      for (const auto& d : dist) name += upper(d) + " ";
      for (const auto& g : gen) name += g + " ";
      return name + legal_form;
    };
    set.index_names.push_back(compose(distinctive, generics, with_place, form));
    auto variant = distinctive;
    auto variant_generics = generics;
    bool variant_place = with_place;
    std::string variant_form = form;
    const std::size_t change = rng.below(kVariants.size());
    set.variant.push_back(change);
    switch (change) {
      case 0:  // respelling
        for (auto& d : variant) {
          for (const auto& [from, to] : respell) {
            if (const auto at = d.find(from); at != std::string::npos) {
              d.replace(at, from.size(), to);
              break;
            }
          }
        }
        break;
      case 1: {  // a typo inside the first distinctive word
        auto& d = variant[0];
        const std::size_t at = 1 + rng.below(d.size() - 1);
        if (rng.below(2) == 0) {
          d.erase(at, 1);
        } else {
          d[at] = static_cast<char>('a' + rng.below(26));
        }
        break;
      }
      case 2:  // generic words and the place dropped
        variant_generics.resize(1);
        variant_place = false;
        break;
      case 3:  // another legal form
        variant_form = legal[rng.below(legal.size())];
        break;
      default:  // distinctive words split into syllables
        variant[0].insert(2, " ");
        break;
    }
    set.queries.push_back(compose(variant, variant_generics, variant_place, variant_form));
  }
  return set;
}

}  // namespace flgraph::bench
