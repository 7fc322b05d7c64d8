// commands/resolve_commands.h: the match, resolve and judge commands, from database to report.
#pragma once
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph/keyring.h"
#include "graph/model.h"
#include "graph/store.h"
#include "resolve/lookalikes.h"
#include "resolve/name_matcher.h"
#include "resolve/store_index.h"

namespace flgraph::commands {

struct MatchOptions {
  std::string country;                  // ISO alpha-2 of the names screened, or empty
  std::string kind;                     // a kind of resolve/qualifiers.h (is_known_kind), or empty
  std::string dob;                      // YYYY, YYYY-MM or YYYY-MM-DD (is_birth_date), or empty
  std::vector<std::string> id_numbers;  // "IMO 9074729", "Passport 654435458", ...
  std::string lookalikes;  // a user's look-alike file added to the shipped list, or empty
  std::size_t limit = 5;
  double threshold = resolve::kDefaultMatchThreshold;
};

// The best candidates for one name and its qualifiers, with scores and per-feature explanations.
// When the name resolves to a known legitimate look-alike (resolve/lookalikes.h) at least as well
// as to its best candidate, no candidate is a match and the report's `lookalike` says which.
nlohmann::json match_command(const std::filesystem::path& database, const std::string& name,
                             const MatchOptions& options);

// What match_command reads before it can answer (the store's names as an index, the look-alike
// list with options.lookalikes added), read once: a server asks it many names. It holds no
// protected record (StoreNameIndex leaves them out) and may be asked from several threads.
class StoreMatcher {
 public:
  StoreMatcher(const std::filesystem::path& database, const std::string& lookalikes_file);
  // match_command's answer; options.lookalikes is the one given to the constructor. With
  // `current`, the store as it is now, an entity protected since the index was built (an import
  // can seal a record while a server runs) is no candidate: its old name must not come back.
  nlohmann::json match(const std::string& name, const MatchOptions& options,
                       const graph::Store* current = nullptr) const;

 private:
  resolve::LookalikeList lookalikes_;
  resolve::StoreNameIndex index_;
};
// A whole list: a CSV with a `name` column, optional `country`, `id`, `kind`, `dob` and
// `id_number` (importers/name_list.h). Per row its best candidate, score, `match` (score at or
// above the threshold, unless a look-alike wins) and `lookalike`. Bad rows stop the command with
// FILE:LINE.
nlohmann::json match_file_command(const std::filesystem::path& database,
                                  const std::filesystem::path& names_csv,
                                  const MatchOptions& options);

struct ResolveOptions {
  double threshold = resolve::kDefaultMatchThreshold;
  std::size_t limit = 50;
};

// Candidate pairs of entities in the store scoring at or above the threshold, best first. Pairs
// judged negative or positive, and pairs already joined by same_as (directly or through others),
// are never proposed; pairs judged unsure are, with that judgement.
nlohmann::json resolve_command(const std::filesystem::path& database,
                               const ResolveOptions& options);

// Records a decision on a pair (who, when, the pair's score). A positive one creates a same_as
// relation (confidence 1, attributes naming the judgement) unless the pair is already joined.
// A pair with a judgement in force takes no other until that one is undone. Who judges is
// `judged_by`, else custody::current_user(); every judge and undo is entered in the audit log.
nlohmann::json judge_command(const std::filesystem::path& database, const std::string& a,
                             const std::string& b, graph::Decision decision,
                             const std::string& judged_by,
                             const graph::KeySource& keys = graph::KeySource::from_environment());
// Marks a judgement undone and removes the same_as it created.
nlohmann::json undo_judgement_command(
    const std::filesystem::path& database, std::int64_t id, const std::string& undone_by,
    const graph::KeySource& keys = graph::KeySource::from_environment());

}  // namespace flgraph::commands
