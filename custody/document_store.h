// custody/document_store.h: documents taken into custody for a source. The bytes are hashed as
// they are copied, kept unchanged beside the database (DB.documents/<sha256>), and recorded with
// who brought them in and when. A protected source's documents are sealed: encrypted under a key
// of their own (kept sealed in the row), named at random, listed by a keyed tag, never exported.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "graph/store.h"

namespace flgraph::custody {

struct Document {
  std::string source;  // the source's id as the store shows it (a pseudonym when protected)
  std::string sha256;  // empty for a sealed document
  std::int64_t size = 0;
  std::string media_type;  // by content (libmagic)
  std::string original_name;
  std::string attached_by;
  std::string attached_at;  // UTC
  std::string note;
  int version = 1;  // the source's first document is 1, a later different file 2, ...
  bool sealed = false;
};

struct AttachRequest {
  std::string source;  // id or pseudonym
  std::filesystem::path file;
  std::string by;  // empty: current_user()
  std::string note;
  std::string attached_at;    // empty: now; a bundle's import keeps the time of the first custody
  std::string original_name;  // empty: the file's own name; a bundle's import keeps the first one
  std::string command = "attach";  // what the audit log records
};

struct AttachResult {
  Document document;
  bool already_held = false;  // the same bytes were attached to this source before: nothing changed
};

// DB.documents, beside the database file.
std::filesystem::path documents_folder(const std::filesystem::path& database);

// Copies `request.file` into custody and records it, with an audit entry, in one transaction.
// Refused (Error, nothing kept): a missing file, a directory or other non-regular file, an unknown
// source, bytes whose SHA-256 differs from the one the source records.
AttachResult attach_document(graph::Store& store, const AttachRequest& request);

// The source's documents, oldest first. Sealed ones show only who attached them and when.
std::vector<Document> documents_of(const graph::Store& store, std::string_view source);

// An unsealed document's bytes, re-hashed: a file changed in the folder is an Error.
std::string read_document(const graph::Store& store, const Document& document);

}  // namespace flgraph::custody
