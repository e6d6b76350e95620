#include "sohoa/core/files.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace sohoa::files {
namespace {
namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sohoa-files-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FilesTest, WriteAtomicLeavesOnlyTheTarget) {
  const std::string path = (dir_ / "out.pdf").string();
  ASSERT_TRUE(WriteAtomic(path, "first").ok());
  ASSERT_TRUE(WriteAtomic(path, "second version").ok());
  EXPECT_EQ(*ReadAll(path), "second version");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(FilesTest, WriteIntoMissingFolderFailsNamingThePath) {
  const std::string path = (dir_ / "missing" / "out.pdf").string();
  const Status s = WriteAtomic(path, "x");
  EXPECT_EQ(s.code(), StatusCode::kIo);
  EXPECT_NE(s.ToString().find("out.pdf"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "missing"));
}

TEST_F(FilesTest, ReadMissingFileNamesIt) {
  const auto r = ReadAll((dir_ / "nope.png").string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("nope.png"), std::string::npos);
}

TEST(Sha256Test, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace sohoa::files
