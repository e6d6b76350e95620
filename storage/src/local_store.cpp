#include "sohoa/storage/local_store.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>

#include "record_index.h"
#include "search_text.h"
#include "sohoa/core/files.h"
#include "sohoa/core/limits.h"
#include "sohoa/core/text.h"
#include "sqlite_db.h"

namespace sohoa::storage {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndexFileName = "index.sqlite";
constexpr const char* kBlobFolderName = "blobs";
// The PDF header may sit anywhere in the first 1024 bytes (ISO 32000-1, 7.5.2 note).
constexpr std::size_t kPdfHeaderSearchBytes = 1024;

// kMigrations[v] takes the index from schema version v to v + 1. Never edit a shipped entry:
// stores in the field have already run it; add a new one instead.
constexpr const char* kMigrations[] = {
    // 0 -> 1: documents, their folded text, the audit log.
    R"sql(
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- stored order: newest has the largest id
  document_id   TEXT NOT NULL UNIQUE,
  sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  dossier       TEXT NOT NULL DEFAULT '',
  doc_type      TEXT NOT NULL DEFAULT '',
  so_dinh_danh  TEXT NOT NULL DEFAULT '',
  so_ky_hieu    TEXT NOT NULL DEFAULT '',
  ngay_ban_hanh TEXT NOT NULL DEFAULT '',
  record_json   TEXT NOT NULL,
  pdf_relpath   TEXT NOT NULL,                      -- relative to the store folder
  size          INTEGER NOT NULL,
  stored_at     TEXT NOT NULL                       -- ISO 8601, +07:00
);
CREATE INDEX documents_by_owner ON documents (so_dinh_danh, id);
CREATE INDEX documents_by_type ON documents (doc_type, id);
CREATE INDEX documents_by_number ON documents (so_ky_hieu);
-- One row per document, rowid = documents.id: page texts and field values folded by
-- sohoa::text::FoldForSearch (unicode61 alone would keep đ).
CREATE VIRTUAL TABLE document_text USING fts5 (folded, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE audit (
  sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  document_id TEXT NOT NULL DEFAULT '',
  sha256      TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT '',
  outcome     TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

std::string LocalActor() {
  const uid_t uid = ::geteuid();
  passwd entry{};
  passwd* found = nullptr;
  char buffer[1024];
  if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
    return std::string("local:") + found->pw_name;
  }
  return "local:uid " + std::to_string(uid);
}

bool LooksLikePdf(std::string_view bytes) {
  return bytes.substr(0, kPdfHeaderSearchBytes).find("%PDF-") != std::string_view::npos;
}

std::string BlobRelativePath(const std::string& sha256) {
  return std::string(kBlobFolderName) + "/" + sha256.substr(0, 2) + "/" + sha256 + ".pdf";
}

// True when `path` already holds exactly `bytes` (a blob written by an earlier or concurrent
// Put; WriteAtomic guarantees it is whole, the comparison guards against disk damage).
bool FileHolds(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size != bytes.size()) return false;
  auto existing = files::ReadAll(path.string());
  return existing.ok() && *existing == bytes;
}

struct AuditRow {
  std::string action;
  std::string document_id;
  std::string sha256;
  std::string detail;
  std::string outcome;
};

// What the index already holds for a PDF/document_id pair.
enum class Existing { kNone, kSameDocument };

class SqliteLocalStore final : public LocalStore {
 public:
  SqliteLocalStore(fs::path root, std::unique_ptr<SqliteDb> db, std::string actor,
                   const Clock* clock)
      : root_(std::move(root)), db_(std::move(db)), actor_(std::move(actor)), clock_(clock) {}

  Result<PutResult> Put(std::string_view pdf, std::string_view record_json) override {
    std::lock_guard lock(mutex_);
    auto record = ParseRecordForIndex(record_json);
    if (!record.ok()) return Reject(record.status(), {}, {});
    PutResult result{record->document_id, {}, false};

    if (pdf.empty()) return Reject(InvalidInput("the PDF is empty"), result.document_id, {});
    if (!LooksLikePdf(pdf)) {
      return Reject(InvalidInput("the data to store is not a PDF (no %PDF- header)"),
                    result.document_id, {});
    }
    result.sha256 = files::Sha256Hex(pdf);
    if (record->sha256 && *record->sha256 != result.sha256) {
      return Reject(InvalidInput("record sha256 " + *record->sha256 +
                                 " does not match the PDF, whose sha256 is " + result.sha256),
                    result.document_id, result.sha256);
    }

    // Checked once before the blob is written, so a rejected put leaves no blob behind, and
    // again under the write lock, where it is authoritative.
    auto existing = CheckExisting(*record, result.sha256);
    if (!existing.ok()) return Reject(existing.status(), result.document_id, result.sha256);
    const fs::path blob = root_ / BlobRelativePath(result.sha256);
    SOHOA_RETURN_IF_ERROR(EnsureBlob(blob, pdf));

    SOHOA_ASSIGN_OR_RETURN(SqliteTransaction transaction, SqliteTransaction::BeginImmediate(*db_));
    existing = CheckExisting(*record, result.sha256);
    if (!existing.ok()) {
      transaction.Rollback();  // the refusal is audited in its own transaction
      return Reject(existing.status(), result.document_id, result.sha256);
    }
    if (*existing == Existing::kSameDocument) {
      result.already_present = true;
      SOHOA_RETURN_IF_ERROR(
          Audit({"put", result.document_id, result.sha256, {}, "already_present"}));
      SOHOA_RETURN_IF_ERROR(transaction.Commit());
      return result;
    }
    SOHOA_RETURN_IF_ERROR(InsertDocument(*record, result.sha256, pdf.size(), record_json));
    SOHOA_RETURN_IF_ERROR(Audit({"put", result.document_id, result.sha256, {}, "stored"}));
    SOHOA_RETURN_IF_ERROR(transaction.Commit());
    return result;
  }

  Result<std::vector<Hit>> Find(const Query& query) override {
    std::lock_guard lock(mutex_);
    if (query.limit <= 0) {
      return InvalidInput("search limit must be at least 1, got " + std::to_string(query.limit));
    }
    const int limit = std::min(query.limit, limits::kMaxFindResults);
    const std::vector<std::string> words = FoldedSearchWords(query.text);
    const bool has_text = !text::FoldForSearch(query.text).empty();

    std::vector<Hit> hits;
    // Text made only of punctuation or operators has no word to match: nothing matches, and
    // running FTS5 with an empty expression would be an error.
    if (!has_text || !words.empty()) {
      SOHOA_ASSIGN_OR_RETURN(hits, RunFind(query, words, limit));
    }

    nlohmann::json detail = {{"so_dinh_danh", query.so_dinh_danh},
                             {"doc_type", query.doc_type},
                             {"text", query.text},
                             {"limit", limit}};
    SOHOA_RETURN_IF_ERROR(
        Audit({"find", {}, {}, DumpLenient(detail), "found " + std::to_string(hits.size())}));
    return hits;
  }

  Result<std::string> GetRecord(const std::string& document_id) override {
    std::lock_guard lock(mutex_);
    SOHOA_ASSIGN_OR_RETURN(Hit hit, Lookup(document_id, "get_record"));
    return std::move(hit.record_json);
  }

  Result<Hit> GetDocument(const std::string& document_id) override {
    std::lock_guard lock(mutex_);
    return Lookup(document_id, "get_document");
  }

  Result<std::vector<AuditEntry>> RecentAudit(int limit) override {
    std::lock_guard lock(mutex_);
    SOHOA_ASSIGN_OR_RETURN(
        SqliteStatement select,
        db_->Prepare("SELECT sequence, at, actor, action, document_id, sha256, detail, outcome "
                     "FROM audit ORDER BY sequence DESC LIMIT ?1"));
    SOHOA_RETURN_IF_ERROR(select.BindInt64(1, std::max(limit, 0)));
    std::vector<AuditEntry> entries;
    while (true) {
      SOHOA_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      entries.push_back({select.ColumnInt64(0), select.ColumnText(1), select.ColumnText(2),
                         select.ColumnText(3), select.ColumnText(4), select.ColumnText(5),
                         select.ColumnText(6), select.ColumnText(7)});
    }
    return entries;
  }

 private:
  static std::string DumpLenient(const nlohmann::json& j) {
    // User text may hold invalid UTF-8; the audit row must still be written.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  std::string Now() const { return FormatIsoVietnam(clock_->Now()); }

  Status Audit(const AuditRow& row) {
    SOHOA_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db_->Prepare("INSERT INTO audit (at, actor, action, document_id, sha256, detail, "
                     "outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    SOHOA_RETURN_IF_ERROR(insert.BindText(1, Now()));
    SOHOA_RETURN_IF_ERROR(insert.BindText(2, actor_));
    SOHOA_RETURN_IF_ERROR(insert.BindText(3, row.action));
    SOHOA_RETURN_IF_ERROR(insert.BindText(4, row.document_id));
    SOHOA_RETURN_IF_ERROR(insert.BindText(5, row.sha256));
    SOHOA_RETURN_IF_ERROR(insert.BindText(6, row.detail));
    SOHOA_RETURN_IF_ERROR(insert.BindText(7, row.outcome));
    Status inserted = insert.Run();
    if (!inserted.ok()) return inserted.WithContext("cannot write the audit log");
    return Status::Ok();
  }

  // Audits a refused put, then returns why it was refused. The refusal is what the caller
  // needs to see, so a failure to audit it does not replace it.
  Status Reject(const Status& why, const std::string& document_id, const std::string& sha256) {
    (void)Audit({"put", document_id, sha256, why.message(), "rejected"});
    return why;
  }

  Result<Existing> CheckExisting(const IndexedRecord& record, const std::string& sha256) {
    SOHOA_ASSIGN_OR_RETURN(SqliteStatement select,
                           db_->Prepare("SELECT document_id, sha256 FROM documents "
                                        "WHERE sha256 = ?1 OR document_id = ?2"));
    SOHOA_RETURN_IF_ERROR(select.BindText(1, sha256));
    SOHOA_RETURN_IF_ERROR(select.BindText(2, record.document_id));
    Existing existing = Existing::kNone;
    while (true) {
      SOHOA_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      const std::string stored_id = select.ColumnText(0);
      const std::string stored_sha = select.ColumnText(1);
      if (stored_id == record.document_id && stored_sha == sha256) {
        existing = Existing::kSameDocument;
      } else if (stored_id == record.document_id) {
        return InvalidInput("document_id " + record.document_id +
                            " already stored with other content (sha256 " + stored_sha +
                            "); give the new version its own document_id");
      } else {
        return InvalidInput("this PDF (sha256 " + sha256 + ") is already stored as document " +
                            stored_id + ", not " + record.document_id);
      }
    }
    return existing;
  }

  Status EnsureBlob(const fs::path& blob, std::string_view pdf) {
    if (FileHolds(blob, pdf)) return Status::Ok();
    std::error_code ec;
    fs::create_directories(blob.parent_path(), ec);
    if (ec) {
      return IoError("cannot create the blob folder: " + ec.message(), blob.parent_path().string());
    }
    return files::WriteAtomic(blob.string(), pdf);
  }

  Status InsertDocument(const IndexedRecord& record, const std::string& sha256, std::size_t size,
                        std::string_view record_json) {
    SOHOA_ASSIGN_OR_RETURN(
        SqliteStatement insert,
        db_->Prepare("INSERT INTO documents (document_id, sha256, dossier, doc_type, "
                     "so_dinh_danh, so_ky_hieu, ngay_ban_hanh, record_json, pdf_relpath, size, "
                     "stored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    SOHOA_RETURN_IF_ERROR(insert.BindText(1, record.document_id));
    SOHOA_RETURN_IF_ERROR(insert.BindText(2, sha256));
    SOHOA_RETURN_IF_ERROR(insert.BindText(3, record.dossier));
    SOHOA_RETURN_IF_ERROR(insert.BindText(4, record.doc_type));
    SOHOA_RETURN_IF_ERROR(insert.BindText(5, record.so_dinh_danh));
    SOHOA_RETURN_IF_ERROR(insert.BindText(6, record.so_ky_hieu));
    SOHOA_RETURN_IF_ERROR(insert.BindText(7, record.ngay_ban_hanh));
    SOHOA_RETURN_IF_ERROR(insert.BindText(8, record_json));
    SOHOA_RETURN_IF_ERROR(insert.BindText(9, BlobRelativePath(sha256)));
    SOHOA_RETURN_IF_ERROR(insert.BindInt64(10, static_cast<std::int64_t>(size)));
    SOHOA_RETURN_IF_ERROR(insert.BindText(11, Now()));
    SOHOA_RETURN_IF_ERROR(insert.Run());
    const std::int64_t rowid = db_->LastInsertRowId();

    std::string folded;
    for (const auto& text : SearchableTexts(record)) {
      const std::string piece = WithExpandedAbbreviations(text::FoldForSearch(text));
      if (piece.empty()) continue;
      if (!folded.empty()) folded += '\n';
      folded += piece;
    }
    SOHOA_ASSIGN_OR_RETURN(
        SqliteStatement insert_text,
        db_->Prepare("INSERT INTO document_text (rowid, folded) VALUES (?1, ?2)"));
    SOHOA_RETURN_IF_ERROR(insert_text.BindInt64(1, rowid));
    SOHOA_RETURN_IF_ERROR(insert_text.BindText(2, folded));
    return insert_text.Run();
  }

  Result<std::vector<Hit>> RunFind(const Query& query, const std::vector<std::string>& words,
                                   int limit) {
    // Only fixed fragments go into the SQL text; every user value is a bound parameter.
    std::string sql =
        "SELECT document_id, sha256, dossier, doc_type, pdf_relpath, record_json "
        "FROM documents WHERE 1";
    if (!query.so_dinh_danh.empty()) sql += " AND so_dinh_danh = ?1";
    if (!query.doc_type.empty()) sql += " AND doc_type = ?2";
    if (!words.empty()) {
      sql += " AND id IN (SELECT rowid FROM document_text WHERE document_text MATCH ?3)";
    }
    sql += " ORDER BY id DESC LIMIT ?4";
    SOHOA_ASSIGN_OR_RETURN(SqliteStatement select, db_->Prepare(sql));
    if (!query.so_dinh_danh.empty()) {
      SOHOA_RETURN_IF_ERROR(select.BindText(1, query.so_dinh_danh));
    }
    if (!query.doc_type.empty()) SOHOA_RETURN_IF_ERROR(select.BindText(2, query.doc_type));
    if (!words.empty()) SOHOA_RETURN_IF_ERROR(select.BindText(3, BuildFtsMatchExpression(words)));
    SOHOA_RETURN_IF_ERROR(select.BindInt64(4, limit));

    std::vector<std::string> tokens;
    for (const auto& word : words) {
      for (auto& token : SearchTokens(word)) tokens.push_back(std::move(token));
    }
    std::vector<Hit> hits;
    while (true) {
      SOHOA_ASSIGN_OR_RETURN(const bool row, select.Step());
      if (!row) break;
      Hit hit = HitFromRow(select);
      if (!tokens.empty()) {
        // The stored record passed ParseRecordForIndex when it was put.
        auto record = ParseRecordForIndex(hit.record_json);
        if (record.ok()) hit.snippet = MakeSnippet(SearchableTexts(*record), tokens);
      }
      hits.push_back(std::move(hit));
    }
    return hits;
  }

  // Columns: document_id, sha256, dossier, doc_type, pdf_relpath, record_json.
  Hit HitFromRow(const SqliteStatement& row) const {
    Hit hit;
    hit.document_id = row.ColumnText(0);
    hit.sha256 = row.ColumnText(1);
    hit.dossier = row.ColumnText(2);
    hit.doc_type = row.ColumnText(3);
    hit.pdf_path = (root_ / row.ColumnText(4)).string();
    hit.record_json = row.ColumnText(5);
    return hit;
  }

  Result<Hit> Lookup(const std::string& document_id, const char* action) {
    SOHOA_ASSIGN_OR_RETURN(
        SqliteStatement select,
        db_->Prepare("SELECT document_id, sha256, dossier, doc_type, pdf_relpath, record_json "
                     "FROM documents WHERE document_id = ?1"));
    SOHOA_RETURN_IF_ERROR(select.BindText(1, document_id));
    SOHOA_ASSIGN_OR_RETURN(const bool row, select.Step());
    if (!row) {
      SOHOA_RETURN_IF_ERROR(Audit({action, document_id, {}, {}, "not_found"}));
      return InvalidInput("no document " + document_id + " in the store", root_.string());
    }
    Hit hit = HitFromRow(select);
    SOHOA_RETURN_IF_ERROR(Audit({action, hit.document_id, hit.sha256, {}, "read"}));
    return hit;
  }

  const fs::path root_;
  const std::unique_ptr<SqliteDb> db_;
  const std::string actor_;
  const Clock* const clock_;
  std::mutex mutex_;
};

Result<int> ReadSchemaVersion(SqliteDb& db) {
  SOHOA_ASSIGN_OR_RETURN(SqliteStatement pragma, db.Prepare("PRAGMA user_version"));
  SOHOA_ASSIGN_OR_RETURN(const bool row, pragma.Step());
  if (!row) return IoError("PRAGMA user_version returned nothing", db.path());
  return static_cast<int>(pragma.ColumnInt64(0));
}

// Switches the index to write-ahead logging and returns the journal mode SQLite reports.
// Switching a new file needs its exclusive lock. When two connections try at once, each holds
// the shared lock the other waits for, so SQLite returns BUSY at once instead of calling the
// busy handler (it would deadlock); the loser lets go and tries again until the busy timeout.
Result<std::string> SwitchToWal(SqliteDb& db) {
  const auto deadline = std::chrono::steady_clock::now() + limits::kStoreBusyTimeout;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    SOHOA_ASSIGN_OR_RETURN(SqliteStatement wal, db.Prepare("PRAGMA journal_mode = WAL"));
    Result<bool> row = wal.Step();
    if (row.ok()) return *row ? wal.ColumnText(0) : std::string("unknown");
    if (!db.LastFailureWasBusy() || std::chrono::steady_clock::now() >= deadline) {
      return row.status();
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
}

Status Configure(SqliteDb& db) {
  // WAL lets readers run beside the one writer, across processes.
  SOHOA_ASSIGN_OR_RETURN(const std::string mode, SwitchToWal(db));
  if (mode != "wal") {
    return IoError("the store index cannot use write-ahead logging (journal mode is " + mode +
                       "); put the store on a local disk",
                   db.path());
  }
  SOHOA_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  // FULL: a put that returned OK survives a power cut (callers delete their copy after it).
  return db.Exec("PRAGMA synchronous = FULL");
}

Status Migrate(SqliteDb& db) {
  SOHOA_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  if (version == kSchemaVersion) return Status::Ok();
  if (version > kSchemaVersion) {
    return Unsupported("the store index has schema version " + std::to_string(version) +
                           ", newer than this sohoa understands (" +
                           std::to_string(kSchemaVersion) + "); update sohoa",
                       db.path());
  }
  // Under the write lock, so two processes opening a new store migrate it once.
  SOHOA_ASSIGN_OR_RETURN(SqliteTransaction transaction, SqliteTransaction::BeginImmediate(db));
  SOHOA_ASSIGN_OR_RETURN(version, ReadSchemaVersion(db));
  for (; version < kSchemaVersion; ++version) {
    Status migrated = db.Exec(kMigrations[version]);
    if (!migrated.ok()) {
      return migrated.WithContext("cannot migrate the store index from schema version " +
                                  std::to_string(version));
    }
  }
  // PRAGMA takes no parameters; the value is our own constant.
  SOHOA_RETURN_IF_ERROR(
      db.Exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str()));
  return transaction.Commit();
}

}  // namespace

Result<std::unique_ptr<LocalStore>> LocalStore::Open(const std::string& dir) {
  return Open(dir, OpenOptions{});
}

Result<std::unique_ptr<LocalStore>> LocalStore::Open(const std::string& dir,
                                                     const OpenOptions& options) {
  if (dir.empty()) return InvalidInput("no store folder given");
  std::error_code ec;
  fs::path root = fs::absolute(dir, ec);
  if (ec) return IoError("cannot resolve the store folder: " + ec.message(), dir);
  root = root.lexically_normal();
  fs::create_directories(root / kBlobFolderName, ec);
  if (ec) return IoError("cannot create the store folder: " + ec.message(), dir);

  SOHOA_ASSIGN_OR_RETURN(
      std::unique_ptr<SqliteDb> db,
      SqliteDb::Open((root / kIndexFileName).string(), static_cast<int>(limits::kStoreBusyTimeout.count())));
  SOHOA_RETURN_IF_ERROR(Configure(*db));
  SOHOA_RETURN_IF_ERROR(Migrate(*db));
  std::string actor = options.actor.empty() ? LocalActor() : options.actor;
  const Clock* clock = options.clock != nullptr ? options.clock : &DefaultClock();
  return std::unique_ptr<LocalStore>(
      new SqliteLocalStore(std::move(root), std::move(db), std::move(actor), clock));
}

}  // namespace sohoa::storage
