// The embedded store: one folder with an SQLite index (WAL) and content-addressed blobs.
//
// Layout: DIR/index.sqlite, DIR/blobs/<first two hex digits>/<sha256>.pdf. A document is
// identified by the SHA-256 of its signed PDF: putting the same bytes twice stores one document.
//
// Durability: a Put that returns OK has its blob fsynced and its index row committed
// (synchronous=FULL), so a caller may delete its own copy (e.g. an outbox entry) afterwards.
// Nothing acknowledged is ever replaced or deleted by this API.
//
// Audit: every Put (stored, already present or rejected), Find, GetRecord and GetDocument
// writes an audit row (time, actor, action, document or query, outcome). A read whose audit
// row cannot be written fails: the store is a legal record.
//
// Thread-safety: calls on one LocalStore are serialized by an internal mutex, so it may be
// shared between threads; for parallel work open one LocalStore per thread. Several processes
// may open the same folder: SQLite locking serializes writers (each waits up to
// limits::kStoreBusyTimeout for the lock before failing with kIo).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/core/clock.h"
#include "sohoa/core/limits.h"
#include "sohoa/core/status.h"

namespace sohoa::storage {

// The index schema this code writes (PRAGMA user_version). Older stores are migrated on Open;
// newer ones are refused with kUnsupported.
inline constexpr int kSchemaVersion = 1;

struct PutResult {
  std::string document_id;  // the record's "document_id"
  std::string sha256;       // of the PDF bytes
  bool already_present = false;
};

struct Query {
  std::string so_dinh_danh;  // exact 12-digit owner ID (record fields.so_dinh_danh)
  std::string doc_type;      // exact type, e.g. "giay_khai_sinh"
  std::string text;          // words, matched accent- and case-insensitively against page text
  int limit = 50;
};

struct Hit {
  std::string document_id;
  std::string sha256;
  std::string dossier;
  std::string doc_type;
  std::string pdf_path;     // absolute path of the blob
  std::string snippet;      // a short piece of matching text (original accents), may be empty
  std::string record_json;  // the record as stored
};

struct OpenOptions {
  // Who acts, written into every audit row (the HTTP server passes the token's name).
  // Empty means "local:<user name>" of the process.
  std::string actor;
  // Time source for stored_at and audit rows; nullptr means DefaultClock(). Must outlive the
  // store.
  const Clock* clock = nullptr;
};

struct AuditEntry {
  std::int64_t sequence = 0;  // increasing, gap-free within one store
  std::string at;             // ISO 8601, +07:00
  std::string actor;
  std::string action;       // "put", "find", "get_record", "get_document"
  std::string document_id;  // the document concerned, empty for finds and unparsable records
  std::string sha256;       // of the PDF for puts, else empty
  std::string detail;       // for finds: the query as JSON; for rejections: the reason
  std::string outcome;      // "stored", "already_present", "rejected", "found N", "not_found"
};

class LocalStore {
 public:
  // Opens (creating when missing) the store in `dir`: creates the folder, the index and its
  // tables, and migrates an older schema. Fails with kIo naming the folder or index file that
  // cannot be created or opened, kUnsupported when the index was written by a newer sohoa.
  static Result<std::unique_ptr<LocalStore>> Open(const std::string& dir);
  static Result<std::unique_ptr<LocalStore>> Open(const std::string& dir,
                                                  const OpenOptions& options);
  virtual ~LocalStore() = default;

  // Stores a signed PDF and its record JSON (schema sohoa.record/1; "document_id" required;
  // "sha256" in the record, when present, must match the PDF). The blob is written atomically
  // before the index row is committed, so a crash leaves no index row without its blob (at
  // worst an unindexed blob, which a later Put of the same bytes adopts).
  //
  // Idempotence: the same PDF bytes under the same document_id again -> OK with
  // already_present = true; the first record is kept (the new record JSON is ignored).
  // Conflicts are rejected with kInvalidInput so nothing acknowledged is silently replaced:
  // the same document_id with other PDF bytes ("document_id X already stored with other
  // content"), or the same PDF bytes under another document_id.
  //
  // Fails with kInvalidInput naming what is wrong (record not JSON, wrong schema, missing
  // document_id, a field of the wrong type, PDF empty or not a PDF, sha mismatch), kIo naming
  // the blob or index file that cannot be written.
  virtual Result<PutResult> Put(std::string_view pdf, std::string_view record_json) = 0;

  // Finds documents matching every non-empty part of `query`, newest stored first, at most
  // min(limit, limits::kMaxFindResults) of them (limit <= 0 is kInvalidInput). A query with no part
  // lists the newest documents. Text is folded (sohoa::text::FoldForSearch) and each word
  // must occur in the document's page text or field values; words are matched whole, never
  // interpreted as search syntax (quotes, *, NEAR, parentheses, '-' are plain characters), and
  // text with no letter or digit matches nothing. With text, Hit::snippet shows the original
  // words around the first match.
  virtual Result<std::vector<Hit>> Find(const Query& query) = 0;

  // The record of a document by id; kInvalidInput "no document ..." when unknown.
  virtual Result<std::string> GetRecord(const std::string& document_id) = 0;

  // The document by id (record, blob path, sha256; no snippet); kInvalidInput "no document ..."
  // when unknown.
  virtual Result<Hit> GetDocument(const std::string& document_id) = 0;

  // The newest `limit` audit rows, newest first. Reading the audit is not itself audited.
  virtual Result<std::vector<AuditEntry>> RecentAudit(int limit) = 0;
};

}  // namespace sohoa::storage
