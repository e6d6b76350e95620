#include "sohoa/storage/local_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "sohoa/core/clock.h"
#include "sohoa/core/files.h"

namespace sohoa::storage {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::string MakePdf(const std::string& tag) {
  return "%PDF-1.7\n% sohoa storage test document " + tag + "\n%%EOF\n";
}

json MakeRecord(const std::string& document_id, const std::string& doc_type,
                const std::string& so_dinh_danh, const std::string& page_text) {
  return {{"schema", "sohoa.record/1"},
          {"document_id", document_id},
          {"dossier", "000.00.00.H56-240315-0001"},
          {"source", {"scan-001.jpg"}},
          {"doc_type", doc_type},
          {"fields", {{"ho_ten", "Nguyễn Văn An"}, {"so_dinh_danh", so_dinh_danh}}},
          {"pages", {{{"number", 1}, {"text", page_text}}}},
          {"digitized_at", "2026-11-22T09:30:00+07:00"}};
}

const char* kBirthText =
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc GIẤY KHAI SINH "
    "Họ, chữ đệm, tên: Nguyễn Văn Đức Ngày, tháng, năm sinh: 06/02/2009 Nơi sinh: Trạm Y tế "
    "xã Thanh Hà";

class LocalStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sohoa-storage-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    store_ = OpenStore();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<LocalStore> OpenStore(const OpenOptions& options = {}) {
    auto store = LocalStore::Open(dir_.string(), options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  PutResult MustPut(const std::string& pdf, const json& record) {
    auto put = store_->Put(pdf, record.dump());
    EXPECT_TRUE(put.ok()) << put.status().ToString();
    return put.ok() ? *put : PutResult{};
  }

  std::vector<Hit> MustFind(const Query& query) {
    auto hits = store_->Find(query);
    EXPECT_TRUE(hits.ok()) << hits.status().ToString();
    return hits.ok() ? *hits : std::vector<Hit>{};
  }

  std::vector<std::string> FoundIds(const Query& query) {
    std::vector<std::string> ids;
    for (const auto& hit : MustFind(query)) ids.push_back(hit.document_id);
    return ids;
  }

  static Query Text(const std::string& text) {
    Query q;
    q.text = text;
    return q;
  }

  // Runs SQL on the index directly, as another tool (or an attacker) would.
  int RunSql(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open((dir_ / "index.sqlite").c_str(), &db), SQLITE_OK);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }

  std::size_t BlobCount() const {
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "blobs")) {
      if (e.is_regular_file()) ++n;
    }
    return n;
  }

  fs::path dir_;
  std::unique_ptr<LocalStore> store_;
};

TEST_F(LocalStoreTest, FindsTextIgnoringAccentsCaseAndEthLookAlike) {
  MustPut(MakePdf("a"), MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText));
  json other =
      MakeRecord("KS-002", "giay_khai_sinh", "026209000001", "Họ, chữ đệm, tên: Trần Thị Bích");
  other["fields"]["ho_ten"] = "Trần Thị Bích";
  other["fields"]["ho_ten_me"] = "Lê Thị Hoà";
  MustPut(MakePdf("b"), other);

  EXPECT_EQ(FoundIds(Text("nguyen van duc")), std::vector<std::string>{"KS-001"});
  EXPECT_EQ(FoundIds(Text("ĐỨC")), std::vector<std::string>{"KS-001"});
  EXPECT_EQ(FoundIds(Text("\xC3\x90\xE1\xBB\xA9"
                          "c")),
            std::vector<std::string>{"KS-001"})
      << "Ðức with U+00D0 (as OCR often writes Đ)";
  // NFD input (decomposed marks) folds the same way.
  EXPECT_EQ(FoundIds(Text("Nguye\xCC\x82\xCC\x83n")), std::vector<std::string>{"KS-001"});
  // Every word must match.
  EXPECT_TRUE(FoundIds(Text("nguyen van bich")).empty());
  // Field values are searchable too, not only page text.
  EXPECT_EQ(FoundIds(Text("le thi hoa")), std::vector<std::string>{"KS-002"});
  EXPECT_EQ(FoundIds(Text("thi")), (std::vector<std::string>{"KS-002"}));
}

TEST_F(LocalStoreTest, AgencyAbbreviationsFindTheNameWrittenOutAndBack) {
  json short_form = MakeRecord("QD-001", "quyet_dinh", "", "Số: 12/QĐ-UBND UBND xã Đông Sang");
  json long_form =
      MakeRecord("QD-002", "quyet_dinh", "", "ỦY BAN NHÂN DÂN XÃ ĐÔNG SANG Số: 13/QĐ-CT");
  MustPut(MakePdf("short"), short_form);
  MustPut(MakePdf("long"), long_form);
  const std::vector<std::string> both{"QD-002", "QD-001"};
  EXPECT_EQ(FoundIds(Text("UBND xã Đông Sang")), both);
  EXPECT_EQ(FoundIds(Text("Ủy ban nhân dân xã Đông Sang")), both);
  EXPECT_EQ(FoundIds(Text("ubnd dong sang")), both);
  // A symbol is matched as printed, not as an agency.
  EXPECT_EQ(FoundIds(Text("QĐ-UBND")), std::vector<std::string>{"QD-001"});
}

TEST_F(LocalStoreTest, SnippetShowsOriginalAccentedWordsAroundTheMatch) {
  MustPut(MakePdf("a"), MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText));
  const auto hits = MustFind(Text("duc"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("Nguyễn Văn Đức"), std::string::npos) << hits[0].snippet;
  EXPECT_EQ(hits[0].snippet.rfind("…", 0), 0u) << "cut at the front: " << hits[0].snippet;
  EXPECT_EQ(hits[0].snippet.find("CỘNG HÒA"), std::string::npos) << "a window, not the page";
  EXPECT_EQ(hits[0].dossier, "000.00.00.H56-240315-0001");
  EXPECT_EQ(hits[0].doc_type, "giay_khai_sinh");
  EXPECT_EQ(json::parse(hits[0].record_json)["document_id"], "KS-001");
  // Without text there is nothing to show.
  Query by_type;
  by_type.doc_type = "giay_khai_sinh";
  EXPECT_EQ(MustFind(by_type).at(0).snippet, "");
}

TEST_F(LocalStoreTest, FindsByOwnerByTypeAndCombinedNewestFirst) {
  MustPut(MakePdf("1"), MakeRecord("D1", "giay_khai_sinh", "026209123456", "khai sinh"));
  MustPut(MakePdf("2"), MakeRecord("D2", "trich_luc_ket_hon", "026209123456", "ket hon"));
  MustPut(MakePdf("3"), MakeRecord("D3", "giay_khai_sinh", "001099000777", "khai sinh"));
  MustPut(MakePdf("4"), MakeRecord("D4", "quyet_dinh", "", "Quyết định số 2818/QĐ-UBND"));

  Query owner;
  owner.so_dinh_danh = "026209123456";
  EXPECT_EQ(FoundIds(owner), (std::vector<std::string>{"D2", "D1"}));

  Query type;
  type.doc_type = "giay_khai_sinh";
  EXPECT_EQ(FoundIds(type), (std::vector<std::string>{"D3", "D1"}));

  Query both = owner;
  both.doc_type = "giay_khai_sinh";
  EXPECT_EQ(FoundIds(both), std::vector<std::string>{"D1"});

  Query all_three = both;
  all_three.text = "ket hon";
  EXPECT_TRUE(FoundIds(all_three).empty());
  all_three.text = "Khai Sinh";
  EXPECT_EQ(FoundIds(all_three), std::vector<std::string>{"D1"});

  // A document symbol typed as printed or folded finds the decision.
  EXPECT_EQ(FoundIds(Text("2818/QĐ-UBND")), std::vector<std::string>{"D4"});
  EXPECT_EQ(FoundIds(Text("qd-ubnd")), std::vector<std::string>{"D4"});

  // No part at all lists everything, newest first; limit keeps the newest.
  EXPECT_EQ(FoundIds(Query{}), (std::vector<std::string>{"D4", "D3", "D2", "D1"}));
  Query limited;
  limited.limit = 2;
  EXPECT_EQ(FoundIds(limited), (std::vector<std::string>{"D4", "D3"}));
  limited.limit = 0;
  EXPECT_EQ(store_->Find(limited).status().code(), StatusCode::kInvalidInput);
}

TEST_F(LocalStoreTest, SearchSyntaxInUserTextIsPlainText) {
  MustPut(MakePdf("a"), MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText));
  for (const std::string text : {"\"",
                                 "\"nguyen",
                                 "nguyen\"",
                                 "NEAR(nguyen duc)",
                                 "NEAR(nguyen duc, 2)",
                                 "duc*",
                                 "*",
                                 "(duc OR an)",
                                 "-duc",
                                 "duc -bich",
                                 "duc NOT van",
                                 "folded:duc",
                                 "{folded} : duc",
                                 "^duc",
                                 "+",
                                 "AND",
                                 "OR NOT",
                                 "'",
                                 "\\",
                                 "\"\"\"\"",
                                 "duc\" OR \"bich",
                                 "\xff\xfe",
                                 "đức)",
                                 "(",
                                 ")",
                                 "---",
                                 "?",
                                 "%",
                                 "_",
                                 "\"duc\" *"}) {
    auto hits = store_->Find(Text(text));
    EXPECT_TRUE(hits.ok()) << "text " << text << ": " << hits.status().ToString();
  }
  // Operators are words, not operators: OR does not widen, NOT does not narrow, * is no prefix.
  EXPECT_TRUE(FoundIds(Text("duc OR bich")).empty());
  EXPECT_TRUE(FoundIds(Text("duc NOT van")).empty());
  EXPECT_TRUE(FoundIds(Text("ngu*")).empty());
  // Punctuation around a word is ignored, as the tokenizer ignores it in the text.
  EXPECT_EQ(FoundIds(Text("(Đức)")), std::vector<std::string>{"KS-001"});
  EXPECT_EQ(FoundIds(Text("\"duc\"")), std::vector<std::string>{"KS-001"});
  EXPECT_EQ(FoundIds(Text("duc*")), std::vector<std::string>{"KS-001"});
  // Text with no word at all matches nothing (rather than everything).
  EXPECT_TRUE(FoundIds(Text("* ( ) \"")).empty());
}

TEST_F(LocalStoreTest, SamePdfTwiceIsOneDocument) {
  const std::string pdf = MakePdf("a");
  const json record = MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText);
  const PutResult first = MustPut(pdf, record);
  EXPECT_FALSE(first.already_present);
  EXPECT_EQ(first.document_id, "KS-001");
  EXPECT_EQ(first.sha256, files::Sha256Hex(pdf));

  const PutResult second = MustPut(pdf, record);
  EXPECT_TRUE(second.already_present);
  EXPECT_EQ(second.sha256, first.sha256);
  EXPECT_EQ(MustFind(Query{}).size(), 1u);
  EXPECT_EQ(BlobCount(), 1u);
}

TEST_F(LocalStoreTest, ConflictingPutsAreRejectedAndKeepTheFirst) {
  const json record = MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText);
  MustPut(MakePdf("a"), record);

  auto other_bytes = store_->Put(MakePdf("changed"), record.dump());
  ASSERT_FALSE(other_bytes.ok());
  EXPECT_EQ(other_bytes.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(
      other_bytes.status().message().find("document_id KS-001 already stored with other content"),
      std::string::npos)
      << other_bytes.status().ToString();

  json renamed = record;
  renamed["document_id"] = "KS-999";
  auto other_id = store_->Put(MakePdf("a"), renamed.dump());
  ASSERT_FALSE(other_id.ok());
  EXPECT_EQ(other_id.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(other_id.status().message().find("already stored as document KS-001"),
            std::string::npos)
      << other_id.status().ToString();

  EXPECT_EQ(MustFind(Query{}).size(), 1u);
  EXPECT_EQ(json::parse(*store_->GetRecord("KS-001")), record);
  EXPECT_EQ(BlobCount(), 1u) << "a rejected put leaves no blob";
}

TEST_F(LocalStoreTest, RecordShaMustMatchThePdf) {
  const std::string pdf = MakePdf("a");
  json record = MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText);
  record["sha256"] = files::Sha256Hex(MakePdf("something else"));
  auto put = store_->Put(pdf, record.dump());
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(put.status().message().find("does not match the PDF"), std::string::npos)
      << put.status().ToString();
  EXPECT_TRUE(MustFind(Query{}).empty());
  EXPECT_EQ(BlobCount(), 0u);

  std::string upper = files::Sha256Hex(pdf);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  record["sha256"] = upper;
  EXPECT_TRUE(store_->Put(pdf, record.dump()).ok()) << "hex case does not matter";
}

TEST_F(LocalStoreTest, BadRecordsAreRejectedNamingTheProblem) {
  const std::string pdf = MakePdf("a");
  const json good = MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText);
  const auto expect_rejected = [&](const std::string& record_json, const std::string& wanted,
                                   const std::string& bytes) {
    auto put = store_->Put(bytes, record_json);
    ASSERT_FALSE(put.ok()) << record_json;
    EXPECT_EQ(put.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(put.status().message().find(wanted), std::string::npos)
        << "wanted \"" << wanted << "\" in: " << put.status().ToString();
  };
  expect_rejected("{\"schema\": \"sohoa.record/1\", ", "not valid JSON", pdf);
  expect_rejected("", "not valid JSON", pdf);
  expect_rejected("[1, 2]", "JSON object", pdf);

  json wrong_schema = good;
  wrong_schema["schema"] = "sohoa.record/2";
  expect_rejected(wrong_schema.dump(), "sohoa.record/2", pdf);
  json no_schema = good;
  no_schema.erase("schema");
  expect_rejected(no_schema.dump(), "no \"schema\"", pdf);
  json no_id = good;
  no_id.erase("document_id");
  expect_rejected(no_id.dump(), "document_id", pdf);
  json numeric_id = good;
  numeric_id["document_id"] = 42;
  expect_rejected(numeric_id.dump(), "document_id", pdf);
  json bad_field = good;
  bad_field["fields"]["ho_ten"] = 7;
  expect_rejected(bad_field.dump(), "fields.ho_ten", pdf);
  json bad_pages = good;
  bad_pages["pages"] = "page one";
  expect_rejected(bad_pages.dump(), "pages", pdf);
  json bad_page_text = good;
  bad_page_text["pages"][0]["text"] = json::array();
  expect_rejected(bad_page_text.dump(), "pages[0].text", pdf);

  expect_rejected(good.dump(), "not a PDF", "PK\x03\x04 a zip file");
  expect_rejected(good.dump(), "empty", "");

  EXPECT_TRUE(MustFind(Query{}).empty());
}

TEST_F(LocalStoreTest, BlobIsContentAddressedAndHoldsTheBytes) {
  const std::string pdf = MakePdf("a");
  const PutResult put =
      MustPut(pdf, MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText));
  const fs::path expected = dir_ / "blobs" / put.sha256.substr(0, 2) / (put.sha256 + ".pdf");
  ASSERT_TRUE(fs::exists(expected));
  EXPECT_EQ(*files::ReadAll(expected.string()), pdf);

  const auto hits = MustFind(Query{});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(fs::equivalent(hits[0].pdf_path, expected)) << hits[0].pdf_path;
  EXPECT_TRUE(fs::path(hits[0].pdf_path).is_absolute());
  EXPECT_EQ(hits[0].sha256, files::Sha256Hex(pdf));

  auto document = store_->GetDocument("KS-001");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ(document->pdf_path, hits[0].pdf_path);
}

TEST_F(LocalStoreTest, BlobMissingOnDiskIsRestoredByPuttingTheSameBytes) {
  const std::string pdf = MakePdf("a");
  const json record = MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText);
  MustPut(pdf, record);
  auto document = store_->GetDocument("KS-001");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  const std::string path = document->pdf_path;
  ASSERT_TRUE(fs::remove(path));
  EXPECT_TRUE(MustPut(pdf, record).already_present);
  EXPECT_EQ(*files::ReadAll(path), pdf);
}

TEST_F(LocalStoreTest, UnwritableBlobFolderFailsWithIoAndStoresNoRow) {
  const std::string pdf = MakePdf("a");
  const std::string sha = files::Sha256Hex(pdf);
  // A regular file where the blob's folder should be: even root cannot create it.
  ASSERT_TRUE(files::WriteAtomic((dir_ / "blobs" / sha.substr(0, 2)).string(), "x").ok());
  auto put = store_->Put(pdf, MakeRecord("KS-001", "giay_khai_sinh", "", kBirthText).dump());
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kIo);
  EXPECT_NE(put.status().ToString().find((dir_ / "blobs" / sha.substr(0, 2)).string()),
            std::string::npos)
      << put.status().ToString();
  EXPECT_TRUE(MustFind(Query{}).empty()) << "no index row without its blob";
}

TEST_F(LocalStoreTest, ReopeningKeepsEverything) {
  const std::string pdf = MakePdf("a");
  const json record = MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText);
  MustPut(pdf, record);
  store_.reset();

  store_ = OpenStore();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(FoundIds(Text("nguyen van duc")), std::vector<std::string>{"KS-001"});
  auto stored = store_->GetRecord("KS-001");
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(*stored, record.dump()) << "the record is kept byte for byte";
  EXPECT_TRUE(MustPut(pdf, record).already_present);
}

TEST_F(LocalStoreTest, UnknownDocumentIsInvalidInput) {
  auto record = store_->GetRecord("KS-404");
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(record.status().message().find("no document KS-404"), std::string::npos);
  EXPECT_EQ(store_->GetDocument("KS-404").status().code(), StatusCode::kInvalidInput);
}

TEST_F(LocalStoreTest, UnwritableFolderFailsWithIoNamingIt) {
  // A path under a regular file: not creatable even by root (chmod would not stop root).
  const std::string bad = "/etc/hostname/store";
  auto store = LocalStore::Open(bad);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIo);
  EXPECT_NE(store.status().ToString().find(bad), std::string::npos) << store.status().ToString();
}

TEST_F(LocalStoreTest, IndexFromANewerSohoaIsRefused) {
  store_.reset();
  ASSERT_EQ(RunSql("PRAGMA user_version = 99"), SQLITE_OK);
  auto store = LocalStore::Open(dir_.string());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(store.status().ToString().find("index.sqlite"), std::string::npos);
}

TEST_F(LocalStoreTest, AuditRecordsEveryPutFindAndRead) {
  store_.reset();
  const FixedClock clock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} +
                         std::chrono::hours{2} + std::chrono::minutes{30});
  OpenOptions options;
  options.actor = "clerk:hoa";
  options.clock = &clock;
  store_ = OpenStore(options);
  ASSERT_NE(store_, nullptr);

  const std::string pdf = MakePdf("a");
  const json record = MakeRecord("KS-001", "giay_khai_sinh", "026209123456", kBirthText);
  MustPut(pdf, record);
  MustPut(pdf, record);
  ASSERT_FALSE(store_->Put(pdf, "{broken").ok());
  Query query;
  query.so_dinh_danh = "026209123456";
  query.text = "Đức";
  MustFind(query);
  ASSERT_TRUE(store_->GetRecord("KS-001").ok());
  ASSERT_FALSE(store_->GetRecord("KS-404").ok());

  auto audit = store_->RecentAudit(100);
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  ASSERT_EQ(audit->size(), 6u);
  const auto& rows = *audit;  // newest first
  EXPECT_EQ(rows[5].action, "put");
  EXPECT_EQ(rows[5].outcome, "stored");
  EXPECT_EQ(rows[5].document_id, "KS-001");
  EXPECT_EQ(rows[5].sha256, files::Sha256Hex(pdf));
  EXPECT_EQ(rows[5].at, "2026-11-22T09:30:00+07:00");
  EXPECT_EQ(rows[5].actor, "clerk:hoa");
  EXPECT_EQ(rows[4].outcome, "already_present");
  EXPECT_EQ(rows[3].outcome, "rejected");
  EXPECT_NE(rows[3].detail.find("not valid JSON"), std::string::npos) << rows[3].detail;
  EXPECT_EQ(rows[2].action, "find");
  EXPECT_EQ(rows[2].outcome, "found 1");
  const json detail = json::parse(rows[2].detail);
  EXPECT_EQ(detail["text"], "Đức");
  EXPECT_EQ(detail["so_dinh_danh"], "026209123456");
  EXPECT_EQ(rows[1].action, "get_record");
  EXPECT_EQ(rows[1].document_id, "KS-001");
  EXPECT_EQ(rows[0].outcome, "not_found");
  EXPECT_EQ(rows[0].document_id, "KS-404");
  EXPECT_GT(rows[0].sequence, rows[5].sequence);

  // The audit log cannot be rewritten behind the store's back either.
  store_.reset();
  EXPECT_NE(RunSql("DELETE FROM audit"), SQLITE_OK);
  EXPECT_NE(RunSql("UPDATE audit SET outcome = 'stored'"), SQLITE_OK);
  store_ = OpenStore();
  EXPECT_EQ(store_->RecentAudit(100)->size(), 6u);
}

TEST_F(LocalStoreTest, TwoStoresWritingAtOnceLoseNothing) {
  store_.reset();
  fs::remove_all(dir_);  // both writers race to create the store, too
  constexpr int kPutsPerWriter = 50;
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex failure_mutex;
  const auto writer = [&](const std::string& name) {
    auto store = LocalStore::Open(dir_.string());
    if (!store.ok()) {
      std::lock_guard lock(failure_mutex);
      first_failure = store.status().ToString();
      ++failures;
      return;
    }
    for (int i = 0; i < kPutsPerWriter; ++i) {
      const std::string id = name + "-" + std::to_string(i);
      auto put = (*store)->Put(MakePdf(id), MakeRecord(id, "khac", name, "văn bản " + id).dump());
      if (!put.ok()) {
        std::lock_guard lock(failure_mutex);
        if (first_failure.empty()) first_failure = put.status().ToString();
        ++failures;
      }
    }
  };
  std::thread a(writer, "A");
  std::thread b(writer, "B");
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0) << first_failure;

  store_ = OpenStore();
  ASSERT_NE(store_, nullptr);
  Query all;
  all.limit = limits::kMaxFindResults;
  EXPECT_EQ(MustFind(all).size(), 2u * kPutsPerWriter);
  Query only_a;
  only_a.so_dinh_danh = "A";
  only_a.limit = limits::kMaxFindResults;
  EXPECT_EQ(MustFind(only_a).size(), static_cast<std::size_t>(kPutsPerWriter));
  EXPECT_EQ(FoundIds(Text("van ban b-49")), std::vector<std::string>{"B-49"});
  EXPECT_EQ(BlobCount(), 2u * kPutsPerWriter);
  EXPECT_EQ(store_->RecentAudit(1000)->size(), 2u * kPutsPerWriter + 3);
}

TEST_F(LocalStoreTest, TwoProcessesWritingAtOnceLoseNothing) {
  store_.reset();
  constexpr int kPutsPerWriter = 30;
  // Returns the number of failed puts.
  const auto write_all = [&](const std::string& name) {
    auto store = LocalStore::Open(dir_.string());
    if (!store.ok()) return kPutsPerWriter;
    int failed = 0;
    for (int i = 0; i < kPutsPerWriter; ++i) {
      const std::string id = name + "-" + std::to_string(i);
      if (!(*store)->Put(MakePdf(id), MakeRecord(id, "khac", name, "van ban").dump()).ok()) {
        ++failed;
      }
    }
    return failed;
  };
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(write_all("child"));  // no gtest reporting from the child
  const int parent_failures = write_all("parent");
  int child_status = 0;
  ASSERT_EQ(::waitpid(child, &child_status, 0), child);
  ASSERT_TRUE(WIFEXITED(child_status));
  EXPECT_EQ(WEXITSTATUS(child_status), 0) << "puts failed in the child process";
  EXPECT_EQ(parent_failures, 0);

  store_ = OpenStore();
  ASSERT_NE(store_, nullptr);
  Query all;
  all.limit = limits::kMaxFindResults;
  EXPECT_EQ(MustFind(all).size(), 2u * kPutsPerWriter);
}

}  // namespace
}  // namespace sohoa::storage
