// Test support for the OCR suites: the committed fixtures in tests/ocr/data (made by
// make_fixtures.py) and how to read them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace sohoa::testing {

inline const std::filesystem::path kOcrData =
    std::filesystem::path(SOHOA_SOURCE_DIR) / "tests/ocr/data";

// The picture at `path` in grey; an empty Mat (and a test failure) when it cannot be read.
inline cv::Mat LoadGrey(const std::filesystem::path& path) {
  cv::Mat mat = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
  EXPECT_FALSE(mat.empty()) << "cannot read " << path;
  return mat;
}

}  // namespace sohoa::testing
