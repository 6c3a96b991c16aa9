#include "neurite/export.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

#include "neurite/model.hpp"

namespace neurite {
namespace {

bool is_identifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// The bytes as a C initialiser, 16 per line.
void write_array(std::ostringstream& out, const uint8_t* bytes, size_t size) {
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < size; ++i) {
    out << (i % 16 == 0 ? "\n   " : "") << " 0x" << kHex[bytes[i] >> 4] << kHex[bytes[i] & 15] << ',';
  }
  out << '\n';
}

}  // namespace

std::string export_c_header(const uint8_t* model, size_t size, const std::string& name,
                            const std::string& source) {
  if (!is_identifier(name)) {
    throw Error(Status::invalid_config, "export name '" + name + "' is not a C identifier");
  }
  Config config;
  char message[160] = "";
  const Status status = Learner::read_config(model, size, &config, message, sizeof message);
  if (status != Status::ok) throw Error(status, std::string("cannot export the model: ") + message);
  Model::from_bytes(model, size);  // validates the whole model, throws with the reason

  const std::string macro = upper(name);
  std::ostringstream out;
  out << "/* neurite model exported as C (neurite export --c)" << (source.empty() ? "" : " from " + source)
      << ":\n * " << size << " bytes, " << config.dim << " features, " << config.outputs
      << " outputs, memory budget " << config.memory_bytes << " bytes.\n"
      << " * Link the neurite C runtime (neurite::c) and call " << name << "_load(). */\n"
      << "#ifndef " << macro << "_H\n#define " << macro << "_H\n\n"
      << "#include <stddef.h>\n#include <stdint.h>\n\n#include \"neurite.h\"\n\n"
      << "#define " << macro << "_DIM " << config.dim << "u\n"
      << "#define " << macro << "_OUTPUTS " << config.outputs << "u\n"
      << "#define " << macro << "_MODEL_BYTES " << size << "u\n"
      << "/* Enough arena on every target: a learner never needs more than its memory\n"
      << " * budget plus its handle; " << name << "_load() checks the exact size. */\n"
      << "#define " << macro << "_ARENA_BYTES " << (uint64_t{config.memory_bytes} + 64) << "u\n\n"
      << "static const uint8_t " << name << "_model[" << macro << "_MODEL_BYTES] = {";
  write_array(out, model, size);
  out << "};\n\n"
      << "/* Builds the learner in `arena` (aligned to 16 bytes) from the exported model. */\n"
      << "static inline neurite_status " << name
      << "_load(void* arena, size_t arena_bytes, neurite_learner** learner) {\n"
      << "  neurite_config config;\n"
      << "  neurite_status status = neurite_read_config(" << name << "_model, " << macro
      << "_MODEL_BYTES, &config, NULL, 0);\n"
      << "  if (status == NEURITE_OK) status = neurite_init(&config, arena, arena_bytes, learner);\n"
      << "  if (status == NEURITE_OK) status = neurite_load(*learner, " << name << "_model, " << macro
      << "_MODEL_BYTES);\n"
      << "  return status;\n}\n\n#endif /* " << macro << "_H */\n";
  return out.str();
}

void export_c_file(const std::string& model_path, const std::string& header_path, const std::string& name) {
  const std::vector<uint8_t> bytes = read_file(model_path);
  std::string header;
  try {
    header = export_c_header(bytes.data(), bytes.size(), name, model_path);
  } catch (const Error& error) {
    throw Error(error.status(), model_path + ": " + error.what());
  }
  std::ofstream file(header_path, std::ios::binary);
  file << header;
  if (!file.flush()) throw Error(Status::empty_input, header_path + ": cannot write the exported header");
}

}  // namespace neurite
