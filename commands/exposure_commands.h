// commands/exposure_commands.h: exposure and screen, from database path to report.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands/read_options.h"
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

}  // namespace flgraph::commands
