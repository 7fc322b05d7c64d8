// serve/download.h: GET /api/download: the explorer's selection as a file to save, written by the
// CLI's own export and brief calls (one code path, the same redaction, an entry in the audit log).
#pragma once
#include "commands/read_options.h"
#include "serve/api_answer.h"
#include "serve/api_parameters.h"

namespace flgraph::serve {

// download?format=brief&id=ID[&as_of=&max_hops=&min_confidence=&decay=&tolerance_days=]
//     the brief on ID, as `brief ID` writes it (brief.html)
// download?format=json|graphml|gexf|ftm|dot|svg|png|bundle|csv
//          &(ids=A,B,...|from=ID[&temporal=&max_hops=&min_confidence=&kinds=&from_date=&to_date=])
//          [&as_of=&weak_below=]
//     the listed entities and the relations among them, or a trace, as `export` writes them;
//     bundle and csv, which are folders, as one zip archive
ApiAnswer download(const commands::ReadOptions& read, const Parameters& parameters);

}  // namespace flgraph::serve
