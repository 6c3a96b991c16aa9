// The `neurite` program end to end: the demo's outcome, learn/eval/predict/
// info/features/stream on the bundled recordings, and errors that name the
// file and the line or sample at fault.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "frontend_helpers.hpp"

using neurite::testing::source_path;

namespace {

struct Outcome {
  int status = -1;
  std::string output;  // stdout and stderr
};

Outcome run(const std::string& arguments, const std::string& stdin_text = "") {
  std::string command = std::string(NEURITE_CLI) + " " + arguments + " 2>&1";
  if (!stdin_text.empty()) {
    const std::string input = ::testing::TempDir() + "/cli_stdin.txt";
    std::ofstream(input) << stdin_text;
    command += " < " + input;
  }
  Outcome r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[4096];
  size_t got = 0;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, got);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string temp(const std::string& name) {
  return ::testing::TempDir() + "/" + name;
}

const std::string kDigits =
    "--wav-dir " + source_path("data/fsdd") + " --pattern '{label}_{speaker}_{index}.wav'";

}  // namespace

TEST(Cli, DemoTeachesThreeExamplesAndReportsItsFigures) {
  const Outcome r = run("demo");
  ASSERT_EQ(r.status, 0) << r.output;
  // "summary over 2 speaker(s): accuracy 96.4% (108/112) ... rejected as unknown: 35.0% (14/40)"
  const size_t at = r.output.find("summary over 2 speaker(s): accuracy ");
  ASSERT_NE(at, std::string::npos) << r.output;
  const double accuracy = std::stod(r.output.substr(at + 36));
  EXPECT_GE(accuracy, 90.0);
  const size_t rejected = r.output.find("rejected as unknown: ", at);
  ASSERT_NE(rejected, std::string::npos);
  EXPECT_GE(std::stod(r.output.substr(rejected + 21)), 25.0);
  EXPECT_NE(r.output.find("a full rebuild takes"), std::string::npos);
  EXPECT_NE(r.output.find("model "), std::string::npos);
}

TEST(Cli, LearnEvalInfoPredictOnTheBundledDigits) {
  const std::string model = temp("digits.nrt");
  Outcome r = run("learn " + kDigits + " --indices 3-9 --labels 0,1,2,3,4,5,6,7 -o " + model);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("learned 112 events, 8 classes"), std::string::npos) << r.output;
  r = run("eval " + model + " " + kDigits + " --indices 0-2 --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto report = nlohmann::json::parse(r.output);
  EXPECT_EQ(report["samples_of_learned_classes"], 48);
  EXPECT_EQ(report["samples_of_other_classes"], 12);
  EXPECT_GE(report["accuracy"].get<double>(), 0.93);
  EXPECT_EQ(report["classes"].size(), 8u);
  EXPECT_EQ(report["confusion"]["rows"].size(), 10u);  // 8 learned + digits 8 and 9
  r = run("info " + model + " --json");
  ASSERT_EQ(r.status, 0) << r.output;
  const auto info = nlohmann::json::parse(r.output);
  EXPECT_EQ(info["events"], 112);
  EXPECT_EQ(info["settings"]["dim"], 192);
  EXPECT_EQ(info["input"]["kind"], "audio");
  EXPECT_GT(info["model_bytes"].get<int>(), 1000);
  r = run("predict " + model + " " + source_path("data/fsdd/4_nicolas_1.wav"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("4_nicolas_1.wav\t4\t"), std::string::npos) << r.output;
  // stdin: one WAV path per line, JSON out.
  r = run("predict " + model + " --json", source_path("data/fsdd/6_jackson_2.wav") + "\n");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(nlohmann::json::parse(r.output)["label"], "6");
}

TEST(Cli, ExportWritesTheModelAsACHeader) {
  const std::string model = temp("keywords.nrt");
  Outcome r = run("learn " + kDigits + " --memory 96K -o " + model);
  ASSERT_EQ(r.status, 0) << r.output;
  const std::string header = temp("keywords.h");
  r = run("export --c " + header + " --name keywords " + model);
  ASSERT_EQ(r.status, 0) << r.output;
  std::ifstream in(header);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("static const uint8_t keywords_model[KEYWORDS_MODEL_BYTES]"), std::string::npos);
  EXPECT_NE(text.find("#define KEYWORDS_DIM 192u"), std::string::npos);
  EXPECT_NE(text.find("keywords_load("), std::string::npos);
  // The core model inside starts with its magic (the CLI's wrapper stays on the host).
  EXPECT_NE(text.find("0x4e, 0x52, 0x54, 0x45"), std::string::npos);
  r = run("export --c " + header + " " + temp("missing.nrt"));
  EXPECT_NE(r.status, 0);
}

TEST(Cli, FeaturesRoundTripThroughAFeatureCsvModel) {
  const std::string csv = temp("features.csv"), model = temp("features.nrt");
  Outcome r = run("features " + kDigits + " --groups jackson -o " + csv);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("100 vectors of 192 values"), std::string::npos);
  r = run("learn --csv " + csv + " -o " + model);
  ASSERT_EQ(r.status, 0) << r.output;
  // Feature rows on stdin (the header is recognised and skipped).
  std::ifstream file(csv);
  std::string header, row;
  std::getline(file, header);
  std::getline(file, row);  // label 0, group jackson, then 192 values
  const std::string values = row.substr(row.find(',', row.find(',') + 1) + 1);
  r = run("predict " + model, values + "\n");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("stdin:1\t0\t"), std::string::npos) << r.output;
  r = run("features " + kDigits + " --groups nicolas --labels 5 -o " + temp("f.npy"));
  ASSERT_EQ(r.status, 0) << r.output;
  std::ifstream meta(temp("f.meta.csv"));
  std::string line;
  std::getline(meta, line);
  EXPECT_EQ(line, "row,label,group,index,source");
}

TEST(Cli, SensorWindowsLearnAndStreamFromStdin) {
  const std::string model = temp("imu.nrt");
  const std::string dir = source_path("data/hapt_excerpt/");
  Outcome r = run("learn --sensor " + dir + "exp01_user01.csv.gz --label-column activity -o " + model);
  ASSERT_EQ(r.status, 0) << r.output;
  r = run("eval " + model + " --sensor " + dir + "exp05_user03.csv.gz --label-column activity --json");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_GE(nlohmann::json::parse(r.output)["accuracy"].get<double>(), 0.6);
  // 300 samples on stdin: windows of 128 every 64 -> decisions at samples 128, 192, 256.
  std::string samples = "acc_x,acc_y,acc_z,gyro_x,gyro_y,gyro_z\n";
  for (int i = 0; i < 300; ++i) samples += "0.01,-0.02,1.0,0.0,0.001,0.0\n";
  r = run("predict " + model, samples);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("stdin:2-129\t"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("stdin:130-257\t"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("stdin:194-"), r.output.find("stdin:194-321"));
}

TEST(Cli, StreamReplaysEventsAndCorrectsASlip) {
  const std::string dir = temp("stream");
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  std::ofstream events(dir + "/events.txt");
  const std::string fsdd = source_path("data/fsdd/");
  events << "# owner teaches\nlearn 1 " << fsdd << "1_jackson_0.wav\nlearn 2 " << fsdd << "2_jackson_0.wav\n"
         << "learn 9 " << fsdd << "3_jackson_0.wav  # slip: a three taught as 9\n"
         << "correct 3 3\npredict " << fsdd << "3_jackson_5.wav 3\nremove 1\nforget 2\n";
  events.close();
  const Outcome r = run("stream " + dir + "/events.txt --preset digits-8k -o " + dir + "/m.nrt");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("event #3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("correct event #3 -> 3 | 3 events, 3 classes"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("expected 3: right"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("forget 2 | 1 events, 1 classes"), std::string::npos) << r.output;
}

TEST(Cli, ErrorsNameTheFileAndTheLineOrSample) {
  // A CSV cell that is not a number: file and line.
  const std::string bad_csv = temp("bad.csv");
  std::ofstream(bad_csv) << "label,a,b\n1,0.5,0.25\n2,0.5,oops\n";
  Outcome r = run("learn --csv " + bad_csv + " -o " + temp("x.nrt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("bad.csv:3: column 'b': not a finite number: 'oops'"), std::string::npos)
      << r.output;
  // A truncated WAV file.
  const std::string wav = temp("short.wav");
  {
    std::ifstream in(source_path("data/fsdd/0_jackson_0.wav"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(wav, std::ios::binary) << bytes.substr(0, 1000);
  }
  r = run("predict " + temp("digits.nrt") + " " + wav);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("short.wav: WAV data chunk is truncated"), std::string::npos) << r.output;
  // A stream line with an unknown verb: file and line.
  const std::string events = temp("events.txt");
  std::ofstream(events) << "# comment\n\nteach 1 x.wav\n";
  r = run("stream " + events + " --dim 3");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("events.txt:3: unknown event 'teach'"), std::string::npos) << r.output;
  // Feature rows of the wrong length on stdin: the line.
  r = run("predict " + temp("features.nrt"), "1,2,3\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("stdin:1: 3 values, the model expects 192"), std::string::npos) << r.output;
  // A damaged model file.
  const std::string damaged = temp("damaged.nrt");
  {
    std::ifstream in(temp("digits.nrt"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes[20] ^= 0x55;
    std::ofstream(damaged, std::ios::binary) << bytes;
  }
  r = run("info " + damaged);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("damaged.nrt: model metadata is corrupted"), std::string::npos) << r.output;
  r = run("info " + bad_csv);
  EXPECT_NE(r.output.find("not a neurite model"), std::string::npos) << r.output;
}

TEST(Cli, RegressionAndNoveltyFromAFeatureCsv) {
  // y = 2a + b on a grid of the unit square.
  const std::string csv = temp("plane.csv");
  {
    std::ofstream out(csv);
    out << "label,a,b\n";
    for (int i = 0; i < 15; ++i) {
      for (int j = 0; j < 15; ++j)
        out << 2.0 * i / 14 + j / 14.0 << ',' << i / 14.0 << ',' << j / 14.0 << '\n';
    }
  }
  Outcome r = run("learn --csv " + csv + " --problem regression -o " + temp("plane.nrt"));
  ASSERT_EQ(r.status, 0) << r.output;
  r = run("eval " + temp("plane.nrt") + " --csv " + csv + " --json");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_LT(nlohmann::json::parse(r.output)["rmse"].get<double>(), 0.05);
  r = run("predict " + temp("plane.nrt") + " --json", "0.5,0.5\n");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NEAR(std::stod(nlohmann::json::parse(r.output)["label"].get<std::string>()), 1.5, 0.05);
  r = run("learn --csv " + csv + " --problem novelty -o " + temp("normal.nrt"));
  ASSERT_EQ(r.status, 0) << r.output;
  r = run("predict " + temp("normal.nrt"), "0.5,0.5\n4,-3\n");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("stdin:1\tnormal"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("stdin:2\tanomaly"), std::string::npos) << r.output;
}

TEST(Cli, EverySubcommandHasHelp) {
  for (const char* command : {"demo", "learn", "eval", "predict", "stream", "info", "features", "export"}) {
    const Outcome r = run(std::string(command) + " --help");
    EXPECT_EQ(r.status, 0) << command;
    EXPECT_NE(r.output.find("Usage:"), std::string::npos) << command;
  }
  const Outcome r = run("learn --wav-dir /nonexistent -o x.nrt");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("/nonexistent"), std::string::npos) << r.output;
}
