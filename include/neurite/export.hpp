// Export of a learned model as C source (`neurite export --c model.h`): the
// saved model as a const array plus what the C runtime needs to load it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace neurite {

// A self-contained C header for the model bytes (as saved by Model::to_bytes or
// neurite_save), with identifiers prefixed by `name` (a C identifier): the
// array `<name>_model`, the macros `<NAME>_DIM`, `<NAME>_OUTPUTS`,
// `<NAME>_MODEL_BYTES`, `<NAME>_ARENA_BYTES`, and `<name>_load(arena, bytes,
// &learner)`. Throws neurite::Error if the bytes are not a valid model or the
// name is not an identifier; `source` only goes into the header's comment.
std::string export_c_header(const uint8_t* model, size_t size, const std::string& name,
                            const std::string& source = "");

// Reads a model file and writes the header; errors name the file at fault.
void export_c_file(const std::string& model_path, const std::string& header_path, const std::string& name);

}  // namespace neurite
