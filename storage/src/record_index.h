// What the store reads out of a record JSON (schema sohoa.record/1) to index it.
// Private to sohoa_storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sohoa/core/status.h"

namespace sohoa::storage {

inline constexpr std::string_view kRecordSchema = "sohoa.record/1";

struct IndexedRecord {
  std::string document_id;
  std::string dossier;
  std::string doc_type;
  std::string so_dinh_danh;               // fields.so_dinh_danh
  std::string so_ky_hieu;                 // fields.so_ky_hieu
  std::string ngay_ban_hanh;              // fields.ngay_ban_hanh
  std::optional<std::string> sha256;      // the record's claim about the PDF, lower-cased
  std::vector<std::string> page_texts;    // in page order
  std::vector<std::string> field_values;  // in record order
};

// Parses and checks a record: valid JSON object, "schema" == sohoa.record/1, non-empty string
// "document_id", and the right types for the parts the store reads (dossier, doc_type, sha256:
// strings; fields: object of strings; pages: array of objects whose "text" is a string).
// Other keys are kept in the stored JSON but not checked. Fails with kInvalidInput naming the
// problem (e.g. "record is not valid JSON: ... at byte 17", "record \"fields.ho_ten\" must be
// a string").
Result<IndexedRecord> ParseRecordForIndex(std::string_view record_json);

// The record's texts for snippets and indexing: page texts first, then field values.
std::vector<std::string> SearchableTexts(const IndexedRecord& record);

}  // namespace sohoa::storage
