// Export to C (include/neurite/export.hpp): the header's contents and its
// error paths. tests/export/ compiles an exported model and checks its predictions.
#include <gtest/gtest.h>

#include <string>

#include "neurite/export.hpp"
#include "test_helpers.hpp"

namespace {

using neurite::testing::small_digits_model;

TEST(ExportC, HeaderHoldsTheModelBytesAndTheLoader) {
  const std::vector<uint8_t> bytes = small_digits_model(20).to_bytes();
  const std::string header = neurite::export_c_header(bytes.data(), bytes.size(), "keyword");
  EXPECT_NE(header.find("#define KEYWORD_MODEL_BYTES " + std::to_string(bytes.size()) + "u"),
            std::string::npos);
  EXPECT_NE(header.find("#define KEYWORD_DIM 64u"), std::string::npos);
  EXPECT_NE(header.find("static const uint8_t keyword_model[KEYWORD_MODEL_BYTES] = {"), std::string::npos);
  EXPECT_NE(header.find("static inline neurite_status keyword_load("), std::string::npos);
  // Every model byte, in order: the first line holds the magic "NRTE".
  EXPECT_NE(header.find("0x4e, 0x52, 0x54, 0x45,"), std::string::npos);
  size_t count = 0;
  for (size_t at = header.find(" 0x"); at != std::string::npos; at = header.find(" 0x", at + 1)) ++count;
  EXPECT_EQ(count, bytes.size());
}

TEST(ExportC, RefusesBadNamesAndDamagedModels) {
  std::vector<uint8_t> bytes = small_digits_model(20).to_bytes();
  try {
    neurite::export_c_header(bytes.data(), bytes.size(), "3d-model");
    FAIL() << "a name that is not a C identifier was accepted";
  } catch (const neurite::Error& error) {
    EXPECT_NE(std::string(error.what()).find("'3d-model' is not a C identifier"), std::string::npos);
  }
  bytes[bytes.size() / 2] ^= 0x40;
  try {
    neurite::export_c_header(bytes.data(), bytes.size(), "model");
    FAIL() << "a damaged model was exported";
  } catch (const neurite::Error& error) {
    EXPECT_EQ(error.status(), neurite::Status::checksum_mismatch) << error.what();
  }
}

TEST(ExportC, FileErrorsNameTheFile) {
  try {
    neurite::export_c_file("/nonexistent/model.nrt", "/tmp/unused.h", "model");
    FAIL() << "a missing model file was exported";
  } catch (const neurite::Error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/model.nrt"), std::string::npos) << error.what();
  }
}

}  // namespace
