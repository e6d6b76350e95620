#include "sohoa/pipeline/record.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sohoa::pipeline {
namespace {

using nlohmann::ordered_json;

// Rounds for stable, readable output: confidences and angles carry no meaning past this.
// Non-finite values become 0 (JSON has no infinity; writing null would make the record
// unreadable); values too large to scale are kept as they are.
double Round(double v, int digits) {
  if (!std::isfinite(v)) return 0;
  const double scale = std::pow(10.0, digits);
  const double scaled = v * scale;
  if (!std::isfinite(scaled) || std::fabs(scaled) > 1e15) return v;
  return std::round(scaled) / scale;
}

// An integer member, or `fallback` when absent. Numbers outside int's range or with a fraction
// are refused rather than converted (the conversion would be undefined behaviour).
int IntMember(const nlohmann::json& object, const char* key, int fallback) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (it->is_number_integer()) {
    const auto wide = it->is_number_unsigned() ? static_cast<long double>(it->get<std::uint64_t>())
                                               : static_cast<long double>(it->get<std::int64_t>());
    if (wide >= std::numeric_limits<int>::min() && wide <= std::numeric_limits<int>::max()) {
      return static_cast<int>(wide);
    }
  }
  throw std::out_of_range(std::string("member '") + key + "' is not an integer in range");
}

ordered_json PageToJson(const PageRecord& p) {
  ordered_json j;
  j["number"] = p.number;
  j["source"] = p.source;
  j["source_page"] = p.source_page;
  j["width_px"] = p.width_px;
  j["height_px"] = p.height_px;
  j["dpi"] = Round(p.dpi, 1);
  j["rotation"] = p.rotation;
  j["skew_deg"] = Round(p.skew_deg, 2);
  j["mean_confidence"] = Round(p.mean_confidence, 3);
  j["warnings"] = p.warnings;
  j["text"] = p.text;
  if (!p.codes.empty()) j["codes"] = p.codes;
  return j;
}

}  // namespace

std::string RecordToJson(const Record& r) {
  ordered_json j;
  j["schema"] = kRecordSchema;
  j["document_id"] = r.document_id;
  j["dossier"] = r.dossier;
  j["source"] = r.source;
  j["sha256"] = r.sha256;
  j["doc_type"] = r.doc_type;
  j["doc_type_confidence"] = Round(r.doc_type_confidence, 3);
  j["fields"] = ordered_json::object();
  for (const auto& [k, v] : r.fields) j["fields"][k] = v;
  j["field_confidence"] = ordered_json::object();
  for (const auto& [k, v] : r.field_confidence) j["field_confidence"][k] = Round(v, 3);
  j["needs_review"] = r.needs_review;
  j["review_reasons"] = ordered_json::object();
  for (const auto& [k, v] : r.review_reasons) j["review_reasons"][k] = v;
  j["pages"] = ordered_json::array();
  for (const auto& p : r.pages) j["pages"].push_back(PageToJson(p));
  j["digitized_by"] = r.digitized_by;
  j["digitized_at"] = r.digitized_at;
  j["signed_by"] = r.signed_by;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<Record> RecordFromJson(std::string_view text) {
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.is_object()) return InvalidInput("record is not a JSON object");
    if (j.value("schema", "") != kRecordSchema) {
      return InvalidInput("record schema is not " + std::string(kRecordSchema));
    }
    Record r;
    r.document_id = j.value("document_id", "");
    r.dossier = j.value("dossier", "");
    r.source = j.value("source", std::vector<std::string>{});
    r.sha256 = j.value("sha256", "");
    r.doc_type = j.value("doc_type", "khac");
    r.doc_type_confidence = j.value("doc_type_confidence", 0.0);
    r.fields = j.value("fields", std::map<std::string, std::string>{});
    r.field_confidence = j.value("field_confidence", std::map<std::string, double>{});
    r.needs_review = j.value("needs_review", std::vector<std::string>{});
    r.review_reasons = j.value("review_reasons", std::map<std::string, std::string>{});
    r.digitized_by = j.value("digitized_by", "");
    r.digitized_at = j.value("digitized_at", "");
    r.signed_by = j.value("signed_by", "");
    for (const auto& pj : j.value("pages", nlohmann::json::array())) {
      PageRecord p;
      p.number = IntMember(pj, "number", 0);
      p.source = pj.value("source", "");
      p.source_page = IntMember(pj, "source_page", 1);
      p.width_px = IntMember(pj, "width_px", 0);
      p.height_px = IntMember(pj, "height_px", 0);
      p.dpi = pj.value("dpi", 0.0);
      p.rotation = IntMember(pj, "rotation", 0);
      p.skew_deg = pj.value("skew_deg", 0.0);
      p.mean_confidence = pj.value("mean_confidence", 0.0);
      p.text = pj.value("text", "");
      p.warnings = pj.value("warnings", std::vector<std::string>{});
      p.codes = pj.value("codes", std::vector<std::string>{});
      r.pages.push_back(std::move(p));
    }
    return r;
  } catch (const nlohmann::json::exception& e) {
    return InvalidInput(std::string("record is not valid: ") + e.what());
  } catch (const std::out_of_range& e) {
    return InvalidInput(std::string("record is not valid: ") + e.what());
  }
}

}  // namespace sohoa::pipeline
