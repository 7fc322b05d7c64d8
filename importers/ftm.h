// importers/ftm.h: FollowTheMoney entities as JSON lines (Aleph and OpenSanctions exports).
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph/store.h"
#include "importers/ftm_reader.h"
#include "importers/import_session.h"

namespace flgraph::importers {

// Maps the records to the model (docs/FORMATS.md, "FollowTheMoney") and writes them with the
// file as a source. Relation and designation endpoints may also be entities already in `store`.
ListCounts import_ftm(const FtmFile& file, const graph::Store& store, ImportSession& session);

// A possibly partial FtM date as a day: "2015" and "2015-03" are widened to the first day of the
// year or month for a start and to the last day for an end; "2015-03-04T10:00:00" keeps its day.
std::optional<graph::Date> ftm_date(std::string_view text, bool is_end);

}  // namespace flgraph::importers
