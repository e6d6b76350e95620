// The embedded store: one folder with an SQLite index (WAL) and content-addressed blobs.
//
// Layout: DIR/index.sqlite, DIR/blobs/<first two hex digits>/<sha256>.pdf. A document is
// identified by the SHA-256 of its signed PDF: putting the same bytes twice stores one document.
// Thread-safety: one LocalStore per thread; several processes may open the same folder (SQLite
// locking serializes writers).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/core/status.h"

namespace sohoa::storage {

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

class LocalStore {
 public:
  // Opens (creating when missing) the store in `dir`. Fails with kIo naming the folder.
  static Result<std::unique_ptr<LocalStore>> Open(const std::string& dir);
  virtual ~LocalStore() = default;

  // Stores a signed PDF and its record JSON (schema sohoa.record/1; "document_id" required;
  // "sha256" in the record, when present, must match the PDF). The blob is written atomically
  // before the index row is committed, so a crash leaves no index row without its blob.
  // Fails with kInvalidInput (record not JSON, sha mismatch), kIo.
  virtual Result<PutResult> Put(std::string_view pdf, std::string_view record_json) = 0;

  // Finds documents matching every non-empty part of `query`, newest first.
  virtual Result<std::vector<Hit>> Find(const Query& query) = 0;

  // The record of a document by id; kInvalidInput "no document ..." when unknown.
  virtual Result<std::string> GetRecord(const std::string& document_id) = 0;
};

}  // namespace sohoa::storage
