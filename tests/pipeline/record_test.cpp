#include "sohoa/pipeline/record.h"

#include <gtest/gtest.h>

namespace sohoa::pipeline {
namespace {

Record SampleRecord() {
  Record r;
  r.document_id = "ho-so-001-01";
  r.dossier = "ho-so-001";
  r.source = {"scan-001.jpg", "scan-002.jpg"};
  r.sha256 = std::string(64, 'a');
  r.fields = {{"ho_ten", "Nguyễn Văn An"}, {"so_dinh_danh", "026209123456"}};
  r.field_confidence = {{"ho_ten", 0.97123}};
  r.needs_review = {"noi_sinh"};
  PageRecord p;
  p.number = 1;
  p.source = "scan-001.jpg";
  p.width_px = 2480;
  p.height_px = 3508;
  p.dpi = 300;
  p.rotation = 90;
  p.skew_deg = -1.234;
  p.mean_confidence = 0.93;
  p.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc";
  p.warnings = {"low OCR confidence; check the text"};
  r.pages = {p};
  p.number = 2;
  p.codes = {"001077207652||Nguyễn Duy Lâm|27081977|Nam|Ấp Trung|28052022"};  // a card's QR code
  r.pages.push_back(p);
  r.digitized_by = "Nguyễn Văn TEST";
  r.digitized_at = "2026-11-22T09:30:00+07:00";
  return r;
}

TEST(RecordTest, RoundTripKeepsEveryField) {
  const Record original = SampleRecord();
  const auto parsed = RecordFromJson(RecordToJson(original));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->document_id, original.document_id);
  EXPECT_EQ(parsed->source, original.source);
  EXPECT_EQ(parsed->fields, original.fields);
  EXPECT_EQ(parsed->needs_review, original.needs_review);
  ASSERT_EQ(parsed->pages.size(), 2u);
  EXPECT_EQ(parsed->pages[0].text, original.pages[0].text);
  EXPECT_EQ(parsed->pages[0].rotation, 90);
  EXPECT_DOUBLE_EQ(parsed->pages[0].skew_deg, -1.23);
  EXPECT_EQ(parsed->pages[0].warnings, original.pages[0].warnings);
  EXPECT_TRUE(parsed->pages[0].codes.empty());
  EXPECT_EQ(parsed->pages[1].codes, original.pages[1].codes);
  // Serializing twice gives the same bytes: records can be compared and hashed.
  EXPECT_EQ(RecordToJson(*parsed), RecordToJson(original));
}

TEST(RecordTest, JsonFollowsTheSchemaAndKeepsVietnameseReadable) {
  const std::string json = RecordToJson(SampleRecord());
  EXPECT_EQ(json.find("{\n  \"schema\": \"sohoa.record/1\""), 0u);
  EXPECT_NE(json.find("\"ho_ten\": \"Nguyễn Văn An\""), std::string::npos);
  EXPECT_NE(json.find("\"digitized_at\": \"2026-11-22T09:30:00+07:00\""), std::string::npos);
  // A page's "codes" only where a code was read.
  EXPECT_EQ(json.find("\"codes\""), json.rfind("\"codes\""));
  EXPECT_NE(json.find("\"codes\": [\n        \"001077207652||Nguyễn Duy Lâm"), std::string::npos);
}

TEST(RecordTest, RejectsOtherSchemasAndBrokenJson) {
  EXPECT_EQ(RecordFromJson("{\"schema\": \"other/2\"}").status().code(),
            StatusCode::kInvalidInput);
  const auto broken = RecordFromJson("{\"schema\": ");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("not valid"), std::string::npos);
  EXPECT_FALSE(RecordFromJson("{\"schema\": \"sohoa.record/1\", \"pages\": 3}").ok());
}

}  // namespace
}  // namespace sohoa::pipeline
