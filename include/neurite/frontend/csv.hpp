// A small CSV reader for sensor streams and feature tables (host only).
// Comma-separated, optional double quotes ("" inside quotes is a quote),
// blank lines and lines starting with '#' skipped; gzip files read as well.
// Every error names the file and the line.
#pragma once
#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace neurite::frontend {

struct CsvTable {
  std::string path;
  std::vector<std::string> header;  // empty without a header row
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> lines;  // 1-based line of each row

  size_t size() const { return rows.size(); }
  // "path:line" of a row, for messages.
  std::string where(size_t row) const;
  // Index of a named column; throws Error listing the columns.
  size_t column(const std::string& name) const;
  bool has_column(const std::string& name) const;
  // A cell as a finite number; throws Error "path:line: column 'x': not a number: 'abc'".
  float number(size_t row, size_t column) const;
  const std::string& cell(size_t row, size_t column) const;
};

// Reads a file (plain or .gz). With `header`, the first row names the columns.
// Every row must have as many cells as the first one.
CsvTable read_csv(const std::string& path, bool header = true);
CsvTable parse_csv(std::istream& in, const std::string& name, bool header = true);

// Splits one CSV line into cells; throws Error on an unterminated quote.
std::vector<std::string> split_csv_line(const std::string& line, const std::string& where);

}  // namespace neurite::frontend
