// commands/output.h: the subcommands whose output is more than one report (a file and a summary,
// a report and an exit code, text on two streams), and printing one report as JSON or text.
#pragma once
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands/custody_commands.h"
#include "commands/read_commands.h"
#include "commands/resolve_commands.h"
#include "importers/import.h"
#include "viz/brief.h"
#include "viz/exposure_reports.h"

namespace flgraph::commands {

// JSON as it is, or the text rendering with every control character from the data escaped.
void print(const nlohmann::json& report, bool as_json,
           std::string (*to_text)(const nlohmann::json&));

// `import`: one all-or-nothing transaction, then the counts as text or JSON.
void import_and_print(const std::string& database, const std::vector<std::string>& inputs,
                      const importers::ImportOptions& options, bool as_json);

struct TraceOutput {
  std::string format = "text";  // text, json, dot, svg or png
  std::string file;             // empty: standard output (png needs a file)
  bool force = false;
  double weak_below = 0.5;
};
// `trace`: the report or a diagram of its evidence subgraph.
void trace_and_print(const ReadOptions& read, const std::string& from,
                     const queries::TraceOptions& options, const TraceOutput& output);

// `match NAME` or `match --file FILE`: exactly one of them.
void match_and_print(const std::filesystem::path& database, const std::string& name,
                     const std::string& file, const MatchOptions& options, bool as_json);

struct JudgeRequest {
  std::vector<std::string> pair;  // A B positive|negative|unsure
  std::optional<std::int64_t> undo;
  std::string by;
};
void judge_and_print(const std::filesystem::path& database, const JudgeRequest& judge,
                     const graph::KeySource& keys, bool as_json);

// `export`: `ids` comma-separated, `as_of` YYYY-MM-DD or empty. A bundle prints where it went and
// its sourcing summary (as JSON with as_json).
void export_and_print(const ReadOptions& read, ExportRequest request, const std::string& format,
                      const std::string& output, const std::string& ids, const std::string& as_of,
                      bool as_json);

struct ScreenOutput {
  std::string country;  // of rows that give none
  std::string file;     // empty: standard output; else the band counts go to standard error
  bool force = false;
  bool json = false;
  bool csv = false;
  std::string lookalikes;  // a user's look-alike file added to the shipped list, or empty
};
// `screen`: each row of the supplier list resolved by id or name, then scored.
void screen_and_print(const ReadOptions& read, const viz::ScreenRequest& request,
                      const ScreenOutput& output);

// `brief`: the files written, and the subject's exposure in one line.
void brief_and_print(const ReadOptions& read, const std::string& id, viz::BriefRequest request,
                     const std::string& format, const std::string& as_of);

void protect_rekey_and_print(const ReadOptions& read, const graph::KeySource& new_keys);
void protect_export_key_and_print(const ReadOptions& read, const std::string& output);

// `verify`: the report on standard output, its problems on standard error; returns the exit code.
int verify_and_print(const std::filesystem::path& folder, bool require_sources, bool as_json);

}  // namespace flgraph::commands
