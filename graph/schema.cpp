// graph/schema.cpp: the store's schema as its migrations.
#include "graph/detail/schema.h"

#include <fmt/format.h>

namespace flgraph::graph::detail {

// Migration i takes the schema from version i to i + 1. Append, never edit.
const std::array<const char*, kSchemaVersion> kMigrations = {
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entity_kind(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE relation_kind(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE source_kind(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE access_level(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE entity(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL REFERENCES entity_kind(code),
  name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  date_from TEXT,
  date_to TEXT,
  protected INTEGER NOT NULL DEFAULT 0 CHECK(protected IN (0, 1)),
  attributes TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(attributes)));
CREATE TABLE alias(
  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY(entity_id, alias)) WITHOUT ROWID;
CREATE TABLE relation(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  src INTEGER NOT NULL REFERENCES entity(id),
  dst INTEGER NOT NULL REFERENCES entity(id),
  kind INTEGER NOT NULL REFERENCES relation_kind(code),
  date_from TEXT,
  date_to TEXT,
  confidence REAL CHECK(confidence IS NULL OR (confidence > 0 AND confidence <= 1)),
  attributes TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(attributes)));
CREATE INDEX relation_by_src ON relation(src);
CREATE INDEX relation_by_dst ON relation(dst);
CREATE TABLE source(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  publisher TEXT NOT NULL DEFAULT '',
  published_on TEXT,
  url TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT '',
  kind INTEGER NOT NULL REFERENCES source_kind(code),
  reliability TEXT NOT NULL CHECK(reliability IN ('A','B','C','D','E','F')),
  access INTEGER NOT NULL REFERENCES access_level(code));
CREATE TABLE claim(
  id INTEGER PRIMARY KEY,
  entity_id INTEGER REFERENCES entity(id) ON DELETE CASCADE,
  relation_id INTEGER REFERENCES relation(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES source(id),
  locator TEXT NOT NULL DEFAULT '',
  credibility INTEGER NOT NULL CHECK(credibility BETWEEN 1 AND 6),
  quote TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  recorded_on TEXT,
  CHECK((entity_id IS NULL) <> (relation_id IS NULL)));
CREATE INDEX claim_by_entity ON claim(entity_id);
CREATE INDEX claim_by_relation ON claim(relation_id);
CREATE INDEX claim_by_source ON claim(source_id, locator);
CREATE TABLE designation(
  id INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  authority TEXT NOT NULL,
  program TEXT NOT NULL,
  listed_on TEXT,
  list_id TEXT NOT NULL DEFAULT '',
  UNIQUE(entity_id, authority, program, list_id));
)sql",
    // v2: entity-resolution judgements. At most one judgement per pair is in force (not undone).
    R"sql(
CREATE TABLE judgement(
  id INTEGER PRIMARY KEY,
  entity_a INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  entity_b INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  decision TEXT NOT NULL CHECK(decision IN ('positive', 'negative', 'unsure')),
  judged_by TEXT NOT NULL,
  judged_at TEXT NOT NULL,
  score REAL CHECK(score IS NULL OR (score >= 0 AND score <= 1)),
  relation TEXT NOT NULL DEFAULT '',
  undone INTEGER NOT NULL DEFAULT 0 CHECK(undone IN (0, 1)),
  undone_by TEXT NOT NULL DEFAULT '',
  undone_at TEXT,
  CHECK(entity_a <> entity_b));
CREATE UNIQUE INDEX judgement_in_force ON judgement(entity_a, entity_b) WHERE undone = 0;
CREATE INDEX judgement_by_b ON judgement(entity_b);
)sql",
    // v3: protection at rest. A protected record keeps only its pseudonym and what queries need
    // in the clear; the rest is sealed (graph/sealed_record.h). A same_as between a protected
    // and an unprotected record lives sealed whole in sealed_link, apart from the graph.
    R"sql(
ALTER TABLE entity ADD COLUMN sealed BLOB;
ALTER TABLE relation ADD COLUMN sealed BLOB;
ALTER TABLE source ADD COLUMN sealed BLOB;
ALTER TABLE claim ADD COLUMN sealed BLOB;
CREATE INDEX entity_protected ON entity(id) WHERE protected = 1;
CREATE TABLE sealed_link(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL UNIQUE,
  entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
  sealed BLOB NOT NULL);
CREATE INDEX sealed_link_by_entity ON sealed_link(entity_id);
)sql",
    // v4: evidence custody. A document is a file taken into custody for a source: its bytes sit
    // unchanged in the document folder beside the database, under their SHA-256. A protected
    // source's document is kept sealed: `sha256` holds a keyed tag and the rest is in `sealed`.
    // The audit log is append-only: rows are added, never changed or removed.
    R"sql(
CREATE TABLE document(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES source(id),
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL DEFAULT 0 CHECK(size >= 0),
  media_type TEXT NOT NULL DEFAULT '',
  original_name TEXT NOT NULL DEFAULT '',
  attached_by TEXT NOT NULL DEFAULT '',
  attached_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  sealed BLOB,
  UNIQUE(source_id, sha256));
CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  command TEXT NOT NULL,
  selection TEXT NOT NULL DEFAULT '',
  outputs TEXT NOT NULL DEFAULT '[]' CHECK(json_valid(outputs)));
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // v5: a relation's id is kept unique by a named index, not a column constraint, so that a
    // bulk load can write the rows first and build the index once (ids derived from a
    // relation's ends arrive in random order: kept up to date row by row, that index cost most
    // of a large load). SQLite cannot drop a constraint: the table is rebuilt, with foreign key
    // enforcement off (Store::migrate), or dropping the old table would delete its claims.
    R"sql(
CREATE TABLE relation_v5(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL,
  src INTEGER NOT NULL REFERENCES entity(id),
  dst INTEGER NOT NULL REFERENCES entity(id),
  kind INTEGER NOT NULL REFERENCES relation_kind(code),
  date_from TEXT,
  date_to TEXT,
  confidence REAL CHECK(confidence IS NULL OR (confidence > 0 AND confidence <= 1)),
  attributes TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(attributes)),
  sealed BLOB);
INSERT INTO relation_v5(id, ext_id, src, dst, kind, date_from, date_to, confidence, attributes,
                        sealed)
  SELECT id, ext_id, src, dst, kind, date_from, date_to, confidence, attributes, sealed
  FROM relation;
DROP TABLE relation;
ALTER TABLE relation_v5 RENAME TO relation;
CREATE UNIQUE INDEX relation_ext_id ON relation(ext_id);
CREATE INDEX relation_by_src ON relation(src);
CREATE INDEX relation_by_dst ON relation(dst);
)sql",
    // v6: a relation whose id is the one derived from its ends (graph/records.h,
    // derive_relation_id) keeps no id text: ext_id is NULL, and the view relation_named gives
    // every relation's id, derived or as the data gave it. The unique index on ids shrinks to
    // the given ones; relation_by_ends finds a derived one (and serves walks from src, as
    // relation_by_src did). Before an entity's id changes (sealing a witness), the trigger writes
    // out the ids derived from the old one, so that no relation's id changes with it.
    // A later migration that rebuilds the relation table must drop the view and the trigger
    // first and create them again after: SQLite refuses to rename a table they name.
    R"sql(
CREATE TABLE relation_v6(
  id INTEGER PRIMARY KEY,
  ext_id TEXT,
  src INTEGER NOT NULL REFERENCES entity(id),
  dst INTEGER NOT NULL REFERENCES entity(id),
  kind INTEGER NOT NULL REFERENCES relation_kind(code),
  date_from TEXT,
  date_to TEXT,
  confidence REAL CHECK(confidence IS NULL OR (confidence > 0 AND confidence <= 1)),
  attributes TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(attributes)),
  sealed BLOB);
INSERT INTO relation_v6(id, ext_id, src, dst, kind, date_from, date_to, confidence, attributes,
                        sealed)
  SELECT r.id,
         CASE WHEN r.ext_id = s.ext_id || '-' || k.name || '->' || d.ext_id ||
                              coalesce('@' || r.date_from, '')
              THEN NULL ELSE r.ext_id END,
         r.src, r.dst, r.kind, r.date_from, r.date_to, r.confidence, r.attributes, r.sealed
  FROM relation r LEFT JOIN entity s ON s.id = r.src LEFT JOIN entity d ON d.id = r.dst
       LEFT JOIN relation_kind k ON k.code = r.kind;
DROP TABLE relation;
ALTER TABLE relation_v6 RENAME TO relation;
CREATE UNIQUE INDEX relation_ext_id ON relation(ext_id) WHERE ext_id IS NOT NULL;
CREATE INDEX relation_by_ends ON relation(src, kind, dst, date_from);
CREATE INDEX relation_by_dst ON relation(dst);
CREATE VIEW relation_named AS
  SELECT r.id,
         coalesce(r.ext_id, s.ext_id || '-' || k.name || '->' || d.ext_id ||
                            coalesce('@' || r.date_from, '')) AS ext_id,
         r.src, r.dst, r.kind, r.date_from, r.date_to, r.confidence, r.attributes, r.sealed,
         s.ext_id AS src_ext_id, d.ext_id AS dst_ext_id, s.kind AS src_kind, d.kind AS dst_kind,
         s.name AS src_name, d.name AS dst_name, s.protected AS src_protected,
         d.protected AS dst_protected
  FROM relation r JOIN entity s ON s.id = r.src JOIN entity d ON d.id = r.dst
       JOIN relation_kind k ON k.code = r.kind;
CREATE TRIGGER entity_id_change_keeps_relation_ids
  BEFORE UPDATE OF ext_id ON entity WHEN OLD.ext_id IS NOT NEW.ext_id
  BEGIN
    UPDATE relation SET ext_id = (SELECT n.ext_id FROM relation_named n WHERE n.id = relation.id)
      WHERE ext_id IS NULL AND (src = OLD.id OR dst = OLD.id);
  END;
)sql",
    // v7: a relation added to a store that has rows goes into a small second part of each index
    // on its ends (recent = 1). Kept up to date row by row, the 10M-entry indexes cost most of an
    // append of 1M relations, as each new key lands on a random page of them;
    // Store::settle_recent_relations folds the recent part in, by a sort, once it grows large.
    // A look-up by ends names both parts (in_both_parts): SQLite uses a partial index only when
    // the query's own terms imply the index's condition.
    R"sql(
DROP TRIGGER entity_id_change_keeps_relation_ids;
ALTER TABLE relation ADD COLUMN recent INTEGER CHECK(recent IS NULL OR recent = 1);
DROP INDEX relation_by_ends;
DROP INDEX relation_by_dst;
CREATE INDEX relation_by_ends ON relation(src, kind, dst, date_from) WHERE recent IS NULL;
CREATE INDEX relation_by_dst ON relation(dst) WHERE recent IS NULL;
CREATE INDEX relation_recent_by_ends ON relation(src, kind, dst, date_from)
  WHERE recent IS NOT NULL;
CREATE INDEX relation_recent_by_dst ON relation(dst) WHERE recent IS NOT NULL;
CREATE TRIGGER entity_id_change_keeps_relation_ids
  BEFORE UPDATE OF ext_id ON entity WHEN OLD.ext_id IS NOT NEW.ext_id
  BEGIN
    UPDATE relation SET ext_id = (SELECT n.ext_id FROM relation_named n WHERE n.id = relation.id)
      WHERE ext_id IS NULL AND ((src = OLD.id AND recent IS NULL) OR
                                (src = OLD.id AND recent IS NOT NULL) OR
                                (dst = OLD.id AND recent IS NULL) OR
                                (dst = OLD.id AND recent IS NOT NULL));
  END;
)sql",
};

namespace {

constexpr const char* kRelationByEnds =
    "CREATE INDEX relation_by_ends ON relation(src, kind, dst, date_from) WHERE recent IS NULL";
constexpr const char* kRelationByDst =
    "CREATE INDEX relation_by_dst ON relation(dst) WHERE recent IS NULL";
constexpr const char* kRecentByEnds =
    "CREATE INDEX relation_recent_by_ends ON relation(src, kind, dst, date_from) WHERE recent IS "
    "NOT NULL";
constexpr const char* kRecentByDst =
    "CREATE INDEX relation_recent_by_dst ON relation(dst) WHERE recent IS NOT NULL";

}  // namespace

// Indexes no import reads (they serve show, export and the relation walks of reports): a bulk
// load drops them and builds each once from the finished table, which is much faster than
// keeping them up to date row by row. Same definitions as in the migrations above.
const std::array<std::pair<const char*, const char*>, 1> kDeferredIndexes = {{
    {"relation_by_dst", kRelationByDst},
}};

const std::array<std::pair<const char*, const char*>, 2> kSuspendedRelationIndexes = {{
    {"relation_ext_id",
     "CREATE UNIQUE INDEX relation_ext_id ON relation(ext_id) WHERE ext_id IS NOT NULL"},
    {"relation_by_ends", kRelationByEnds},
}};

const std::array<std::pair<const char*, const char*>, 4> kRelationEndIndexes = {{
    {"relation_by_ends", kRelationByEnds},
    {"relation_by_dst", kRelationByDst},
    {"relation_recent_by_ends", kRecentByEnds},
    {"relation_recent_by_dst", kRecentByDst},
}};

std::string in_both_parts(std::string_view terms) {
  return fmt::format("(({0}) AND recent IS NULL OR ({0}) AND recent IS NOT NULL)", terms);
}

}  // namespace flgraph::graph::detail
