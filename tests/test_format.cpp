// The model format: versioned, little-endian, checksummed. Truncated,
// corrupted and foreign bytes fail cleanly and leave the learner unchanged.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "format.hpp"
#include "test_helpers.hpp"

using namespace neurite;
using namespace neurite::testing;

namespace {

// Fixes the CRC after a deliberate edit, so that the structural checks are reached.
void reseal(std::vector<uint8_t>& bytes) {
  const uint32_t crc = detail::crc32(bytes.data(), bytes.size() - 4);
  for (int k = 0; k < 4; ++k) bytes[bytes.size() - 4 + k] = static_cast<uint8_t>(crc >> (8 * k));
}

}  // namespace

TEST(Format, HeaderIsMagicVersionSizeAndCrc) {
  const auto bytes = small_digits_model().to_bytes();
  ASSERT_GT(bytes.size(), 16u);
  EXPECT_EQ(std::memcmp(bytes.data(), "NRTE", 4), 0);
  EXPECT_EQ(bytes[4] | (bytes[5] << 8), 2);
  const uint32_t payload = bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (uint32_t(bytes[11]) << 24);
  EXPECT_EQ(payload + 16u, bytes.size());
  EXPECT_EQ(detail::crc32(reinterpret_cast<const uint8_t*>("123456789"), 9),
            0xCBF43926u);  // CRC-32 check value
}

TEST(Format, EveryTruncationFailsCleanly) {
  const auto bytes = small_digits_model(24).to_bytes();
  Model target = small_digits_model(10);
  const auto before = target.to_bytes();
  for (size_t size = 0; size < bytes.size(); ++size) {
    const Status status = target.learner().load(bytes.data(), size);
    EXPECT_NE(status, Status::ok) << size;
  }
  EXPECT_EQ(target.to_bytes(), before);
}

TEST(Format, EveryFlippedByteFailsCleanly) {
  const auto bytes = small_digits_model(24).to_bytes();
  Model target = small_digits_model(10);
  const auto before = target.to_bytes();
  auto copy = bytes;
  for (size_t i = 0; i < copy.size(); ++i) {
    copy[i] ^= 0xA5;
    const Status status = target.learner().load(copy.data(), copy.size());
    EXPECT_NE(status, Status::ok) << "byte " << i;
    copy[i] ^= 0xA5;
  }
  EXPECT_EQ(target.to_bytes(), before);
  EXPECT_EQ(target.learner().load(copy.data(), copy.size()), Status::ok);
}

TEST(Format, StructuralDamageBehindAValidCrcIsCaught) {
  // Flip bytes after the header and reseal: the parser's own checks must hold.
  const auto bytes = small_digits_model(24).to_bytes();
  Model target = small_digits_model(10);
  const auto probe = digits().row_vector(500);
  size_t refused = 0;
  for (size_t i = 12; i + 4 < bytes.size(); ++i) {
    auto copy = bytes;
    copy[i] ^= 0xFF;
    reseal(copy);
    if (target.learner().load(copy.data(), copy.size()) != Status::ok) {
      ++refused;
      continue;
    }
    // Some edits give another valid model (a feature value changed): it must work.
    Prediction p;
    EXPECT_EQ(target.learner().predict(probe.data(), probe.size(), &p), Status::ok) << "byte " << i;
  }
  EXPECT_GT(refused, 0u);
}

TEST(Format, ForeignNewerAndPaddedFilesAreRefusedWithAMessage) {
  auto bytes = small_digits_model().to_bytes();
  Model target = small_digits_model(10);
  const std::string text = "hello, this is not a model at all";
  EXPECT_EQ(target.learner().load(reinterpret_cast<const uint8_t*>(text.data()), text.size()),
            Status::bad_magic);
  EXPECT_NE(std::string(target.learner().last_error()).find("not a neurite model"), std::string::npos);

  auto newer = bytes;
  newer[4] = 3;
  reseal(newer);
  EXPECT_EQ(target.learner().load(newer.data(), newer.size()), Status::unsupported_version);
  EXPECT_NE(std::string(target.learner().last_error()).find("version 3 is not supported"), std::string::npos);

  auto padded = bytes;
  padded.push_back(0);
  EXPECT_EQ(target.learner().load(padded.data(), padded.size()), Status::corrupted);

  auto flipped = bytes;
  flipped[bytes.size() / 2] ^= 1;
  EXPECT_EQ(target.learner().load(flipped.data(), flipped.size()), Status::checksum_mismatch);
}

TEST(Format, ConfigMismatchIsReportedAndReadConfigSizesTheLearner) {
  const auto bytes = small_digits_model().to_bytes();
  Config other = digits_config();
  other.outputs = 12;
  Model target(other);
  EXPECT_EQ(target.learner().load(bytes.data(), bytes.size()), Status::invalid_config);
  Config stored;
  ASSERT_EQ(Learner::read_config(bytes.data(), bytes.size(), &stored), Status::ok);
  EXPECT_EQ(stored.outputs, 10);
  EXPECT_EQ(stored.dim, 64);
  Model loaded(stored);
  EXPECT_EQ(loaded.learner().load(bytes.data(), bytes.size()), Status::ok);
}

TEST(Format, FilesRoundTripAndBadPathsNameTheFile) {
  Model model = small_digits_model();
  const std::string path = ::testing::TempDir() + "neurite_roundtrip.nrt";
  model.save(path);
  Model loaded = Model::load(path);
  EXPECT_EQ(loaded.to_bytes(), model.to_bytes());
  try {
    Model::load("/nonexistent/model.nrt");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/model.nrt"), std::string::npos);
  }
}

TEST(Format, VersionOneFilesStayReadable) {
  // tests/data/digits24_v1.nrt was saved by the version-1 writer (float
  // features, no precision byte) from the first 24 digits.
  const auto old_bytes = read_file(data::data_dir() + "/../tests/data/digits24_v1.nrt");
  Model old_model = Model::from_bytes(old_bytes);
  EXPECT_EQ(old_model.stats().events, 24u);
  EXPECT_EQ(old_model.classes().size(), 10u);
  size_t correct = 0;
  for (size_t i = 100; i < 300; ++i)
    correct += old_model.predict(digits().row(i), 64).label == digits().labels[i];
  EXPECT_GE(correct, 140u);  // 2.4 examples per digit
  // Saving writes the current version, which loads back to the same bytes.
  const auto resaved = old_model.to_bytes();
  EXPECT_EQ(resaved[4], 2);
  EXPECT_EQ(Model::from_bytes(resaved).to_bytes(), resaved);
}
