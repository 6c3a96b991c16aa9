// The benchmark's view of the full sensor sets: front-end vectors with their
// labels and groups, the deterministic few-shot draws, and their exchange
// with the peers script as .npy + CSV files (bench/frontend_peers.py reads
// exactly these, so both sides see the same vectors and splits).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace neurite::bench {

struct Table {
  size_t dim = 0;
  std::vector<float> rows;     // row-major
  std::vector<int32_t> label;  // digit, or activity id 1..6
  std::vector<int32_t> group;  // speaker 0..5, or subject 1..30
  std::vector<int32_t> index;  // FSDD recording index; HAPT recording number
  std::vector<int32_t> test;   // HAPT: 1 for the data set's test subjects
  std::vector<int64_t> last;   // HAPT: last sample of the window in its recording
  size_t size() const { return label.size(); }
  const float* row(size_t i) const { return rows.data() + i * dim; }
};

// A few-shot run: which rows teach and which test.
struct Draw {
  int32_t group = 0, draw = 0;
  std::vector<size_t> teach, test;
};

extern const char* const kSpeakers[6];
constexpr int kDraws = 10;
constexpr int kDigitShots = 3;     // personal three-shot spoken digits
constexpr int kActivityShots = 5;  // personal five-shot activities
constexpr int kWindow = 128;       // IMU window (samples): taught and tested windows must not overlap

// Personal three-shot: for speaker s and draw r, a SplitMix64 stream seeded
// with 1000 s + r picks 3 of the 50 recordings of each digit in turn (partial
// Fisher-Yates, next() mod remaining); that speaker's other 470 recordings
// test. `digits` limits the taught digits (8: digits 8 and 9 only test).
std::vector<Draw> fsdd_personal_draws(const Table& fsdd, int digits = 10);
// Personal five-shot: for each test subject and draw r, seed 100 subject + r
// picks 5 windows of each activity; the subject's windows that overlap no
// taught window (same recording, ends closer than 128 samples) test.
std::vector<Draw> hapt_personal_draws(const Table& hapt);

void write_table(const std::string& dir, const std::string& name, const Table& table);
Table read_table(const std::string& dir, const std::string& name);
void write_draws(const std::string& path, const std::vector<Draw>& draws);

}  // namespace neurite::bench
