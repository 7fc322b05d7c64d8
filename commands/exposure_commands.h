// commands/exposure_commands.h: exposure and screen, from database path to report.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands/read_options.h"
#include "importers/name_list.h"
#include "queries/exposure.h"
#include "queries/screen.h"
#include "viz/exposure_reports.h"

namespace flgraph::commands {

// The bounds of the exposure options, for every front end.
inline constexpr int kMaxExposureHops = 64;
inline constexpr int kMaxToleranceDays = 36500;

nlohmann::json exposure_command(const ReadOptions& read, const std::string& id,
                                const queries::ExposureOptions& options);

nlohmann::json screen_command(const ReadOptions& read,
                              const std::vector<queries::SupplierRow>& rows,
                              const queries::Resolver& resolve, const viz::ScreenRequest& request);

// `screen`: each row of a supplier list (importers/name_list.h) resolved by id, else by name
// against the store (with the user's look-alike file, when given, added to the shipped list),
// then scored as screen_command does.
nlohmann::json screen_list_command(const ReadOptions& read,
                                   const std::vector<importers::NameListRow>& list,
                                   const std::string& lookalikes_file,
                                   const viz::ScreenRequest& request);
// The same for a list already read (an upload), its errors naming request.file; the country of
// rows that give none is an ISO code or a country name (UsageError for an unknown one).
nlohmann::json screen_upload_command(const ReadOptions& read, const std::string& csv_text,
                                     const std::string& default_country,
                                     const viz::ScreenRequest& request);

}  // namespace flgraph::commands
