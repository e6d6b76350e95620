#include "sohoa/core/status.h"

#include <gtest/gtest.h>

namespace sohoa {
namespace {

TEST(StatusTest, MessageNamesFileAndPage) {
  const Status s = InvalidInput("image is truncated; rescan the page", "in/scan.jpg", 3);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "in/scan.jpg: page 3: image is truncated; rescan the page");
}

TEST(StatusTest, WithFileKeepsAnExistingFile) {
  const Status s = IoError("boom", "a.png").WithFile("b.png", 2);
  EXPECT_EQ(s.file(), "a.png");
  EXPECT_EQ(IoError("boom").WithFile("b.png", 2).ToString(), "b.png: page 2: boom");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidInput("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  SOHOA_ASSIGN_OR_RETURN(const int half, Half(x));
  SOHOA_ASSIGN_OR_RETURN(const int quarter, Half(half));
  return quarter;
}

TEST(ResultTest, PropagatesTheFirstFailure) {
  EXPECT_EQ(*Quarter(8), 2);
  const auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd");
}

TEST(ResultTest, OkStatusIsNotAValue) {
  const Result<int> r = Status::Ok();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace sohoa
