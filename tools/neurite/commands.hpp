// The subcommands of `neurite`; each registers itself on the app.
#pragma once
#include <CLI/CLI.hpp>

namespace neurite::cli {

void add_learn(CLI::App& app);
void add_eval(CLI::App& app);
void add_predict(CLI::App& app);
void add_stream(CLI::App& app);
void add_info(CLI::App& app);
void add_demo(CLI::App& app);
void add_features(CLI::App& app);
void add_export(CLI::App& app);

}  // namespace neurite::cli
