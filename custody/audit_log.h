// custody/audit_log.h: who exported, briefed, attached, judged or revealed what, and when. The
// table is append-only (the schema refuses changes and deletions) and holds no protected name:
// callers describe selections by ids and pseudonyms only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/store.h"

namespace flgraph::custody {

struct AuditOutput {
  std::string name;    // a file name or "stdout"
  std::string sha256;  // of the bytes written
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;   // UTC, 2026-12-05T10:00:00Z; filled in by append_audit when empty
  std::string who;  // filled in with current_user() when empty
  std::string
      command;  // "export --format bundle", "brief", "attach", "judge", "show --reveal-protected"
  std::string selection;  // what the command was about (ids, pseudonyms, options)
  std::vector<AuditOutput> outputs;
};

// Appends one entry and returns its id. Inside the caller's transaction when one is open, else
// in one of its own; it never changes the store's generation (the query graph stays valid).
// Throws Error when the store is on read-only media.
std::int64_t append_audit(graph::Store& store, AuditEntry entry);

// Oldest first; `since` (a date or a UTC timestamp) keeps entries at or after it.
std::vector<AuditEntry> read_audit(const graph::Store& store,
                                   const std::optional<std::string>& since = std::nullopt);

// What a command may do when the log cannot record it (the store is on read-only media): an
// export or a brief runs and warns; a command that reveals protected material is refused, since
// protected material is never revealed unrecorded.
enum class WhenUnrecordable { Warn, Refuse };

// Called before the command does any work: throws Error, naming `command`, when the store is on
// read-only media and the policy is Refuse.
void check_recordable(const graph::Store& store, std::string_view command, WhenUnrecordable policy);

// Called once the command is done: appends the entry, or on read-only media warns on stderr that
// it was not recorded (Warn) or throws (Refuse, in case check_recordable was not called).
void record_command(graph::Store& store, AuditEntry entry, WhenUnrecordable policy);

std::string utc_now();
// $USER, else $LOGNAME, else the account name, else "unknown": who judges, exports or reveals.
std::string current_user();

}  // namespace flgraph::custody
