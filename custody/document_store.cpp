// custody/document_store.cpp: the document table of schema v4 and the folder beside the database.
#include "custody/document_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "custody/audit_log.h"
#include "custody/media_type.h"
#include "custody/sha256.h"
#include "graph/sealed_record.h"
#include "graph/sealing.h"
#include "graph/sqlite_statement.h"
#include "graph/utf8.h"

namespace flgraph::custody {
namespace {

using graph::detail::Statement;

constexpr std::size_t kChunk = 1 << 16;
constexpr const char* kSealedFolder = "sealed";
constexpr const char* kFileContext = "document file";

std::string quoted(const std::filesystem::path& path) {
  return fmt::format("\"{}\"", path.string());
}

// The folder (and, for sealed documents, its sealed/ part) exists, is a real directory, and no
// link leads out of it.
std::filesystem::path prepare_folder(const std::filesystem::path& folder, bool sealed) {
  std::error_code ec;
  std::vector<std::filesystem::path> dirs = {folder};
  if (sealed) dirs.push_back(folder / kSealedFolder);
  for (const auto& dir : dirs) {
    const auto status = std::filesystem::symlink_status(dir, ec);
    if (std::filesystem::is_symlink(status)) {
      throw Error(fmt::format("{} is a symbolic link; documents are kept only in a real folder",
                              quoted(dir)));
    }
    if (!std::filesystem::exists(status)) std::filesystem::create_directory(dir);
    if (!std::filesystem::is_directory(std::filesystem::symlink_status(dir))) {
      throw Error(fmt::format("{} is not a folder", quoted(dir)));
    }
  }
  return folder;
}

// A new file in `folder` only this process writes to (O_EXCL, mode 0600), renamed into place
// once complete and synced, so a crash never leaves half a document under a final name.
class IncomingFile {
 public:
  explicit IncomingFile(const std::filesystem::path& folder)
      : path_(folder / (".incoming-" + graph::random_pseudonym_key().substr(0, 16))) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd_ < 0)
      throw Error(fmt::format("cannot create {}: {}", quoted(path_), std::strerror(errno)));
  }
  ~IncomingFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!placed_) ::unlink(path_.c_str());
  }
  IncomingFile(const IncomingFile&) = delete;
  IncomingFile& operator=(const IncomingFile&) = delete;

  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0)
        throw Error(fmt::format("cannot write {}: {}", quoted(path_), std::strerror(errno)));
      bytes.remove_prefix(static_cast<std::size_t>(written));
    }
  }
  // Synced, read-only, and renamed to `final`. False (and removed) when `final` already holds
  // these bytes; anything else there (other bytes, a link, a folder left by hand) is replaced,
  // so custody never vouches for a file it did not check.
  bool place_as(const std::filesystem::path& final, const std::string& sha256) {
    if (::fchmod(fd_, 0444) != 0 || ::fsync(fd_) != 0) {
      throw Error(fmt::format("cannot sync {}: {}", quoted(path_), std::strerror(errno)));
    }
    ::close(fd_);
    fd_ = -1;
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(final, ec);
    if (std::filesystem::is_regular_file(status) && sha256_of_file(final) == sha256) return false;
    if (std::filesystem::exists(status) && !std::filesystem::is_directory(status))
      std::filesystem::remove(final);
    std::filesystem::rename(path_, final);
    placed_ = true;
    return true;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool placed_ = false;
};

// The bytes of the file named by the user: a regular file, read once, in pieces.
std::ifstream open_input(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) throw Error(fmt::format("{}: no such file", quoted(file)));
  if (!std::filesystem::is_regular_file(status)) {
    throw Error(fmt::format("{}: not a regular file (a folder or device cannot be attached)",
                            quoted(file)));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot be read", quoted(file)));
  return in;
}

template <typename Chunk>
void read_chunks(std::ifstream& in, const std::filesystem::path& file, Chunk&& chunk) {
  std::string buffer(kChunk, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got > 0) chunk(std::string_view(buffer.data(), got));
  }
  if (in.bad()) throw Error(fmt::format("{}: read error", quoted(file)));
}

struct Taken {
  std::string sha256;
  std::int64_t size = 0;
  std::string head;  // the first bytes, for the media type
};

void remember(Taken& taken, Sha256& hash, std::string_view chunk) {
  hash.update(chunk);
  taken.size += static_cast<std::int64_t>(chunk.size());
  if (taken.head.size() < kChunk) taken.head.append(chunk.substr(0, kChunk - taken.head.size()));
}

std::string sealed_row(const graph::UnlockedKeys& keys, const Taken& taken, const Document& shown,
                       const std::string& file_name, const graph::ProtectionKey& file_key,
                       const std::string& tag) {
  const nlohmann::json payload = {{"sha256", taken.sha256},
                                  {"size", taken.size},
                                  {"media_type", shown.media_type},
                                  {"original_name", shown.original_name},
                                  {"note", shown.note},
                                  {"attached_by", shown.attached_by},
                                  {"file", file_name},
                                  {"file_key", file_key.hex()}};
  return graph::seal(keys.key, payload.dump(), graph::document_context(tag));
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return text;
}

void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
    graph::detail::throw_sqlite(db, sql);
}

}  // namespace

std::filesystem::path documents_folder(const std::filesystem::path& database) {
  return database.parent_path() / (database.filename().string() + ".documents");
}

AttachResult attach_document(graph::Store& store, const AttachRequest& request) {
  if (store.is_read_only()) {
    throw Error(fmt::format("database {} is on read-only media: nothing can be attached",
                            quoted(store.path())));
  }
  const auto source = store.source(request.source);
  if (!source) throw NotFoundError(fmt::format("no source with id {}", request.source));
  const bool is_protected = source->record.access == graph::Access::Protected;
  if (is_protected) store.unlocked("attaching a document to a protected source");
  const std::string recorded =
      is_protected ? store.revealed_source(source->record).sha256 : source->record.sha256;

  Document document;
  document.source = source->record.id;
  document.original_name =
      request.original_name.empty() ? request.file.filename().string() : request.original_name;
  if (!is_valid_utf8(document.original_name)) {
    throw Error(
        fmt::format("{}: the file name is not valid UTF-8; rename the file and attach it again",
                    quoted(request.file)));
  }
  document.attached_by = request.by.empty() ? current_user() : request.by;
  document.attached_at = request.attached_at.empty() ? utc_now() : request.attached_at;
  document.note = request.note;
  document.sealed = is_protected;

  const auto folder = prepare_folder(documents_folder(store.path()), false);
  // A refused attach leaves no folder it made (remove() leaves a folder that holds anything).
  struct RemoveIfEmpty {
    std::filesystem::path folder;
    ~RemoveIfEmpty() {
      std::error_code ec;
      std::filesystem::remove(folder / kSealedFolder, ec);
      std::filesystem::remove(folder, ec);
    }
  } tidy{folder};
  auto in = open_input(request.file);
  Taken taken;
  Sha256 hash;
  // What is hashed is exactly what is stored: a file changing while it is read is recorded as read.
  std::optional<IncomingFile> incoming;
  std::string plain;  // a protected document is sealed whole, so it is read into memory first
  if (!is_protected) incoming.emplace(folder);
  read_chunks(in, request.file, [&](std::string_view chunk) {
    remember(taken, hash, chunk);
    if (incoming)
      incoming->write(chunk);
    else
      plain.append(chunk);
  });
  taken.sha256 = hash.hex_digest();
  document.media_type = media_type_of(taken.head);
  if (!recorded.empty() && lower(recorded) != taken.sha256) {
    // A protected source's hash is itself sealed: it is not printed.
    throw Error(fmt::format("{} has SHA-256 {}, but source {} records {}; nothing was attached",
                            quoted(request.file), taken.sha256, document.source,
                            is_protected ? "another" : recorded));
  }

  std::string column_hash = taken.sha256;
  std::string sealed;
  std::string stored_name = taken.sha256;
  if (is_protected) {
    const auto& keys = store.unlocked("a document of a protected source");
    column_hash = "T-" + graph::pseudonym_tag(keys.pseudonym_key, taken.sha256);
    const auto file_key = graph::ProtectionKey::random();
    stored_name = std::string(kSealedFolder) + "/" + graph::random_pseudonym_key().substr(0, 32);
    sealed = sealed_row(keys, taken, document, stored_name, file_key, column_hash);
    incoming.emplace(prepare_folder(folder, true) / kSealedFolder);
    incoming->write(graph::seal(file_key, plain, kFileContext));
  }

  sqlite3* db = store.handle();
  const bool own_transaction = sqlite3_get_autocommit(db) != 0;
  if (own_transaction) exec(db, "BEGIN IMMEDIATE");
  bool placed = false;
  try {
    Statement held(
        db,
        "SELECT (SELECT count(*) FROM document WHERE source_id = ?1), (SELECT count(*) FROM "
        "document WHERE "
        "source_id = ?1 AND id <= (SELECT id FROM document WHERE source_id = ?1 AND sha256 = ?2))");
    held.bind(1, source->row).bind(2, column_hash);
    held.step();
    document.version = static_cast<int>(held.integer(0)) + 1;
    if (const auto version = held.integer(1); version > 0) {
      // Already in custody: the record made then stands. Its file is put back if it went missing
      // or was changed, since these bytes are the ones it records.
      if (!is_protected) incoming->place_as(folder / stored_name, taken.sha256);
      if (own_transaction) exec(db, "ROLLBACK");
      const auto known = documents_of(store, document.source);
      return {known.at(static_cast<std::size_t>(version - 1)), true};
    }
    placed = incoming->place_as(folder / stored_name, is_protected ? std::string() : taken.sha256);
    Statement insert(db,
                     "INSERT INTO document(source_id, sha256, size, media_type, original_name, "
                     "attached_by, attached_at, "
                     "note, sealed) VALUES(?,?,?,?,?,?,?,?,?)");
    insert.bind(1, source->row).bind(2, column_hash).bind(7, document.attached_at);
    if (is_protected) {
      // Who brought a witness's papers in can name a field worker: sealed too.
      const std::string_view empty("");
      insert.bind(3, std::int64_t{0}).bind(4, empty).bind(5, empty).bind(6, empty).bind(8, empty);
      insert.bind_blob(9, sealed);
    } else {
      insert.bind(3, taken.size).bind(4, document.media_type).bind(5, document.original_name);
      insert.bind(6, document.attached_by).bind(8, document.note);
      insert.bind_null(9);
    }
    insert.run();
    // The log says who ran this and when, never a time or name the input claims (a bundle's).
    const bool named_operator = !request.by.empty() && !is_protected && request.command == "attach";
    append_audit(store, {0,
                         utc_now(),
                         named_operator ? request.by : current_user(),
                         request.command,
                         fmt::format("{} {}", document.source, column_hash),
                         {{documents_folder(store.path()).filename().string() + "/" +
                               (is_protected ? std::string("sealed") : stored_name),
                           is_protected ? std::string() : taken.sha256}}});
    if (own_transaction) exec(db, "COMMIT");
  } catch (...) {
    if (own_transaction) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    std::error_code ec;
    if (placed)
      std::filesystem::remove(folder / stored_name, ec);  // new, so no other record uses it
    throw;
  }
  if (!is_protected) document.sha256 = taken.sha256;
  if (!is_protected) document.size = taken.size;
  return {document, false};
}

std::vector<Document> documents_of(const graph::Store& store, std::string_view source) {
  const auto found = store.source(source);
  if (!found) return {};
  Statement query(store.handle(),
                  "SELECT sha256, size, media_type, original_name, attached_by, attached_at, note, "
                  "sealed IS NOT NULL "
                  "FROM document WHERE source_id = ? ORDER BY id");
  query.bind(1, found->row);
  std::vector<Document> documents;
  while (query.step()) {
    Document document;
    document.source = found->record.id;
    document.sealed = query.integer(7) != 0;
    if (!document.sealed) {
      document.sha256 = query.text(0);
      document.size = query.integer(1);
      document.media_type = query.text(2);
      document.original_name = query.text(3);
      document.note = query.text(6);
    }
    document.attached_by = query.text(4);
    document.attached_at = query.text(5);
    document.version = static_cast<int>(documents.size()) + 1;
    documents.push_back(std::move(document));
  }
  return documents;
}

std::string read_document(const graph::Store& store, const Document& document) {
  if (document.sealed || !is_sha256_hex(document.sha256)) {
    throw Error(
        fmt::format("a document of protected source {} is never read out", document.source));
  }
  const auto path = documents_folder(store.path()) / document.sha256;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("document {} of source {} is missing from {}", document.sha256,
                            document.source, quoted(documents_folder(store.path()))));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (sha256_hex(bytes) != document.sha256) {
    throw Error(
        fmt::format("{} no longer has the SHA-256 it was attached with: the document was changed",
                    quoted(path)));
  }
  return bytes;
}

}  // namespace flgraph::custody
