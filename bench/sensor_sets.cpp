#include "sensor_sets.hpp"

#include <cstdint>
#include <fstream>

#include "neurite/frontend/audio_io.hpp"
#include "neurite/frontend/csv.hpp"
#include "sensor_datasets.hpp"

namespace neurite::bench {

const char* const kSpeakers[6] = {"george", "jackson", "lucas", "nicolas", "theo", "yweweler"};

namespace {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// The first k of `items` after a partial Fisher-Yates shuffle.
std::vector<size_t> pick(std::vector<size_t> items, size_t k, SplitMix64& rng) {
  for (size_t i = 0; i < k && i < items.size(); ++i) {
    const size_t j = i + static_cast<size_t>(rng.next() % (items.size() - i));
    std::swap(items[i], items[j]);
  }
  items.resize(k < items.size() ? k : items.size());
  return items;
}

}  // namespace

std::vector<Draw> fsdd_personal_draws(const Table& t, int digits) {
  std::vector<size_t> row_of(6 * 10 * 50, SIZE_MAX);  // (speaker, digit, index) -> row
  for (size_t i = 0; i < t.size(); ++i) row_of[size_t((t.group[i] * 10 + t.label[i]) * 50 + t.index[i])] = i;
  std::vector<Draw> out;
  for (int32_t s = 0; s < 6; ++s) {
    for (int32_t r = 0; r < kDraws; ++r) {
      SplitMix64 rng(static_cast<uint64_t>(1000 * s + r));
      Draw d{s, r, {}, {}};
      std::vector<bool> taught(t.size(), false);
      for (int32_t digit = 0; digit < 10; ++digit) {
        std::vector<size_t> rows;  // in recording-index order
        for (int32_t index = 0; index < 50; ++index) {
          const size_t i = row_of[size_t((s * 10 + digit) * 50 + index)];
          if (i != SIZE_MAX) rows.push_back(i);
        }
        const auto chosen = pick(rows, kDigitShots, rng);
        if (digit >= digits) continue;  // drawn all the same, so draws agree across protocols
        for (size_t i : chosen) taught[i] = true;
      }
      for (size_t i = 0; i < t.size(); ++i) {
        if (t.group[i] == s) (taught[i] ? d.teach : d.test).push_back(i);
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::vector<Draw> hapt_personal_draws(const Table& t) {
  std::vector<Draw> out;
  for (int32_t subject = 1; subject <= 30; ++subject) {
    std::vector<size_t> mine;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t.group[i] == subject && t.test[i]) mine.push_back(i);
    }
    if (mine.empty()) continue;
    for (int32_t r = 0; r < kDraws; ++r) {
      SplitMix64 rng(static_cast<uint64_t>(100 * subject + r));
      Draw d{subject, r, {}, {}};
      for (int32_t activity = 1; activity <= 6; ++activity) {
        std::vector<size_t> rows;
        for (size_t i : mine) {
          if (t.label[i] == activity) rows.push_back(i);
        }
        for (size_t i : pick(rows, kActivityShots, rng)) d.teach.push_back(i);
      }
      for (size_t i : mine) {
        bool overlaps = false;
        for (size_t k : d.teach) {
          const int64_t gap = t.last[i] > t.last[k] ? t.last[i] - t.last[k] : t.last[k] - t.last[i];
          overlaps = overlaps || (t.index[i] == t.index[k] && gap < kWindow);
        }
        if (!overlaps) d.test.push_back(i);
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

void write_table(const std::string& dir, const std::string& name, const Table& t) {
  data::write_npy_f32(dir + "/" + name + ".npy", t.size(), t.dim, t.rows.data());
  std::ofstream meta(dir + "/" + name + ".meta.csv");
  meta << "row,label,group,index,test,last\n";
  for (size_t i = 0; i < t.size(); ++i) {
    meta << i << ',' << t.label[i] << ',' << t.group[i] << ',' << t.index[i] << ',' << t.test[i] << ','
         << t.last[i] << '\n';
  }
  if (!meta) throw frontend::Error(dir + "/" + name + ".meta.csv: write error");
}

Table read_table(const std::string& dir, const std::string& name) {
  const auto array = data::read_npy_f32(dir + "/" + name + ".npy");
  const auto meta = frontend::read_csv(dir + "/" + name + ".meta.csv");
  Table t;
  t.dim = array.shape.size() == 2 ? array.shape[1] : 0;
  t.rows = array.values;
  for (size_t i = 0; i < meta.size(); ++i) {
    t.label.push_back(static_cast<int32_t>(meta.number(i, 1)));
    t.group.push_back(static_cast<int32_t>(meta.number(i, 2)));
    t.index.push_back(static_cast<int32_t>(meta.number(i, 3)));
    t.test.push_back(static_cast<int32_t>(meta.number(i, 4)));
    t.last.push_back(static_cast<int64_t>(meta.number(i, 5)));
  }
  if (t.size() * t.dim != t.rows.size()) throw frontend::Error(dir + "/" + name + ": rows and meta differ");
  return t;
}

void write_draws(const std::string& path, const std::vector<Draw>& draws) {
  std::ofstream out(path);
  out << "group,draw,role,row\n";
  for (const auto& d : draws) {
    for (size_t i : d.teach) out << d.group << ',' << d.draw << ",teach," << i << '\n';
    for (size_t i : d.test) out << d.group << ',' << d.draw << ",test," << i << '\n';
  }
  if (!out) throw frontend::Error(path + ": write error");
}

}  // namespace neurite::bench
