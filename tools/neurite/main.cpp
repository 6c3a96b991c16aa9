// neurite: learn from sensor recordings on the spot, recognise, reject the
// unknown. Subcommands over the C API (include/neurite.h) and the sensor
// front-ends; `neurite <command> --help` describes each.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"neurite: an embedded continual few-shot learner for sensor data (audio, motion, vibration)"};
  app.require_subcommand(1);
  neurite::cli::add_demo(app);
  neurite::cli::add_learn(app);
  neurite::cli::add_eval(app);
  neurite::cli::add_predict(app);
  neurite::cli::add_stream(app);
  neurite::cli::add_info(app);
  neurite::cli::add_features(app);
  neurite::cli::add_export(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "neurite: %s\n", e.what());
    return 1;
  }
  return 0;
}
