#include "record_index.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace sohoa::storage {
namespace {

using nlohmann::json;

Status WrongType(std::string_view key, std::string_view expected) {
  return InvalidInput("record \"" + std::string(key) + "\" must be " + std::string(expected));
}

// Reads an optional string member; absent or null gives "".
Status OptionalString(const json& object, const char* key, std::string_view path,
                      std::string& out) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return WrongType(path, "a string");
  out = it->get<std::string>();
  return Status::Ok();
}

}  // namespace

Result<IndexedRecord> ParseRecordForIndex(std::string_view record_json) {
  json record;
  try {
    record = json::parse(record_json);
  } catch (const json::exception& e) {
    // nlohmann's message names the position and the cause ("at line 1, column 17: ...").
    return InvalidInput(std::string("record is not valid JSON: ") + e.what());
  }
  if (!record.is_object()) return InvalidInput("record must be a JSON object");

  IndexedRecord out;
  std::string schema;
  SOHOA_RETURN_IF_ERROR(OptionalString(record, "schema", "schema", schema));
  if (schema.empty()) {
    return InvalidInput("record has no \"schema\"; expected \"" + std::string(kRecordSchema) +
                        "\"");
  }
  if (schema != kRecordSchema) {
    return InvalidInput("record schema is \"" + schema + "\", expected \"" +
                        std::string(kRecordSchema) + "\"");
  }
  SOHOA_RETURN_IF_ERROR(OptionalString(record, "document_id", "document_id", out.document_id));
  if (out.document_id.empty()) return InvalidInput("record has no \"document_id\"");
  SOHOA_RETURN_IF_ERROR(OptionalString(record, "dossier", "dossier", out.dossier));
  SOHOA_RETURN_IF_ERROR(OptionalString(record, "doc_type", "doc_type", out.doc_type));

  std::string sha256;
  SOHOA_RETURN_IF_ERROR(OptionalString(record, "sha256", "sha256", sha256));
  if (!sha256.empty()) {
    std::transform(sha256.begin(), sha256.end(), sha256.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    out.sha256 = std::move(sha256);
  }

  if (const auto fields = record.find("fields"); fields != record.end() && !fields->is_null()) {
    if (!fields->is_object()) return WrongType("fields", "an object");
    for (const auto& [key, value] : fields->items()) {
      if (value.is_null()) continue;
      if (!value.is_string()) return WrongType("fields." + key, "a string");
      std::string text = value.get<std::string>();
      if (key == "so_dinh_danh") out.so_dinh_danh = text;
      if (key == "so_ky_hieu") out.so_ky_hieu = text;
      if (key == "ngay_ban_hanh") out.ngay_ban_hanh = text;
      out.field_values.push_back(std::move(text));
    }
  }

  if (const auto pages = record.find("pages"); pages != record.end() && !pages->is_null()) {
    if (!pages->is_array()) return WrongType("pages", "an array");
    for (std::size_t i = 0; i < pages->size(); ++i) {
      const json& page = (*pages)[i];
      const std::string path = "pages[" + std::to_string(i) + "]";
      if (!page.is_object()) return WrongType(path, "an object");
      std::string text;
      SOHOA_RETURN_IF_ERROR(OptionalString(page, "text", path + ".text", text));
      out.page_texts.push_back(std::move(text));
    }
  }
  return out;
}

std::vector<std::string> SearchableTexts(const IndexedRecord& record) {
  std::vector<std::string> texts = record.page_texts;
  texts.insert(texts.end(), record.field_values.begin(), record.field_values.end());
  return texts;
}

}  // namespace sohoa::storage
