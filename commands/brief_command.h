// commands/brief_command.h: `flgraph brief`: open the store, score the subject's exposure, render
// the brief (viz/brief.h) and write its files.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "commands/read_options.h"
#include "queries/exposure.h"
#include "viz/brief.h"

namespace flgraph::commands {

struct BriefSummary {
  std::vector<std::filesystem::path> files;  // as written
  std::string subject;                       // shown id (a pseudonym for a protected person)
  double score = 0.0;
  queries::ExposureBand band = queries::ExposureBand::None;
  std::size_t cases = 0;
};

// `flgraph brief ID -o DIR`: resolves ID (NotFoundError with suggestions), scores its exposure
// and writes the brief into DIR (viz/safe_output.h: no "..", no links, never the folder holding
// the database; a non-empty DIR only with force).
BriefSummary brief_command(const ReadOptions& read, const std::string& id,
                           const viz::BriefRequest& request);

}  // namespace flgraph::commands
