#include "neurite/frontend/csv.hpp"

#include <zlib.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "neurite/frontend/audio_io.hpp"

namespace neurite::frontend {

std::string CsvTable::where(size_t row) const {
  return path + ":" + std::to_string(row < lines.size() ? lines[row] : 0);
}

bool CsvTable::has_column(const std::string& name) const {
  for (const auto& h : header) {
    if (h == name) return true;
  }
  return false;
}

size_t CsvTable::column(const std::string& name) const {
  for (size_t j = 0; j < header.size(); ++j) {
    if (header[j] == name) return j;
  }
  std::string known;
  for (const auto& h : header) known += (known.empty() ? "" : ", ") + h;
  throw Error(path + ": no column '" + name + "' (columns: " + known + ")");
}

const std::string& CsvTable::cell(size_t row, size_t column) const {
  if (column >= rows[row].size()) throw Error(where(row) + ": no cell " + std::to_string(column + 1));
  return rows[row][column];
}

float CsvTable::number(size_t row, size_t column) const {
  const std::string& text = cell(row, column);
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  const float value = std::strtof(begin, &end);
  while (end != nullptr && (*end == ' ' || *end == '\t' || *end == '\r')) ++end;
  if (text.empty() || end == begin || *end != '\0' || errno == ERANGE || !std::isfinite(value)) {
    const std::string name = column < header.size() ? "'" + header[column] + "'" : std::to_string(column + 1);
    throw Error(where(row) + ": column " + name + ": not a finite number: '" + text + "'");
  }
  return value;
}

std::vector<std::string> split_csv_line(const std::string& line, const std::string& where) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\r' && c != '\n') {
      cell += c;
    }
  }
  if (quoted) throw Error(where + ": unterminated quote");
  cells.push_back(cell);
  return cells;
}

CsvTable parse_csv(std::istream& in, const std::string& name, bool header) {
  CsvTable table;
  table.path = name;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = name + ":" + std::to_string(number);
    auto cells = split_csv_line(line, where);
    if (header && table.header.empty()) {
      table.header = std::move(cells);
      continue;
    }
    const size_t expected =
        header ? table.header.size() : (table.rows.empty() ? cells.size() : table.rows[0].size());
    if (cells.size() != expected) {
      throw Error(where + ": expected " + std::to_string(expected) + " cells, found " +
                  std::to_string(cells.size()));
    }
    table.rows.push_back(std::move(cells));
    table.lines.push_back(number);
  }
  return table;
}

CsvTable read_csv(const std::string& path, bool header) {
  gzFile file = gzopen(path.c_str(), "rb");  // reads plain files as they are
  if (file == nullptr) throw Error(path + ": cannot open");
  std::string text;
  char buffer[1 << 16];
  int got = 0;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(got));
  const bool failed = got < 0;
  gzclose(file);
  if (failed) throw Error(path + ": read error (corrupt gzip?)");
  std::istringstream in(text);
  return parse_csv(in, path, header);
}

}  // namespace neurite::frontend
