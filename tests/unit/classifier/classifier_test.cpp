// The text model: deterministic training, model-file refusal, incremental = batch scoring,
// and learning a separable toy set.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "classifier/features.h"
#include "classifier/model.h"
#include "classifier/model_file.h"
#include "classifier/trainer.h"
#include "text/normalizer.h"

namespace scamguard::classifier {
namespace {

std::vector<TrainExample> toy_examples() {
  const char* scam[] = {
      "this is microsoft support your computer has a virus please install anydesk",
      "your amazon account was charged 499 dollars press 1 to speak to an agent for a refund",
      "we detected suspicious activity on your bank account read me the code we sent you",
      "social security number suspended press one now to avoid legal action",
      "you won a prize to claim it pay the fee with gift cards today",
      "your apple id is locked give me remote access so I can fix it",
  };
  const char* legit[] = {
      "hi mum just calling to say we will be late for dinner tonight",
      "thank you for calling the library your books are ready to collect",
      "the weather is lovely shall we go for a walk in the park",
      "reminder your dentist appointment is on tuesday at ten",
      "the football match was great did you see the last goal",
      "can you pick up some bread and milk on the way home",
  };
  std::vector<TrainExample> examples;
  for (const char* text : scam) examples.push_back({{text}, true, 1.0});
  for (const char* text : legit) examples.push_back({{text}, false, 1.0});
  return examples;
}

TrainOptions small_options() {
  TrainOptions options;
  options.features.dim_bits = 16;
  options.epochs = 20;
  return options;
}

Model toy_model() {
  Result<Model> model = train(toy_examples(), small_options());
  EXPECT_TRUE(model.has_value());
  return std::move(*model);
}

TEST(Features, ArtefactsOfTheTranscriptCarryNoSignal) {
  FeatureOptions options;
  std::vector<uint32_t> tidy;
  std::vector<uint32_t> asr;
  extract_features(text::normalize("Hello, I'm calling from [Company]: your ACCOUNT!"), options,
                   tidy);
  extract_features(text::normalize("hello im calling from your account"), options, asr);
  EXPECT_EQ(tidy, asr);
}

TEST(Trainer, SameInputGivesIdenticalBytes) {
  const std::string first = serialize_model(toy_model());
  const std::string second = serialize_model(toy_model());
  EXPECT_EQ(first, second);
}

TEST(Trainer, SeedChangesTheModel) {
  TrainOptions options = small_options();
  options.seed = 7;
  Result<Model> other = train(toy_examples(), options);
  ASSERT_TRUE(other.has_value());
  EXPECT_NE(serialize_model(*other), serialize_model(toy_model()));
}

TEST(Trainer, LearnsASeparableToySet) {
  const Model model = toy_model();
  for (const TrainExample& example : toy_examples()) {
    const double p = model.predict(std::span<const std::string>(example.turns));
    if (example.scam) {
      EXPECT_GT(p, 0.8) << example.turns[0];
    } else {
      EXPECT_LT(p, 0.2) << example.turns[0];
    }
  }
  EXPECT_GT(model.predict("please install anydesk so microsoft can fix the virus"), 0.5);
  EXPECT_LT(model.predict("see you at dinner after the football"), 0.5);
}

TEST(Trainer, RefusesASingleClass) {
  std::vector<TrainExample> only_scam = {{{"pay the fee with gift cards"}, true, 1.0}};
  Result<Model> model = train(only_scam, small_options());
  ASSERT_FALSE(model.has_value());
  EXPECT_EQ(model.error().code, ErrorCode::kInvalidInput);
}

TEST(Model, IncrementalStateEqualsBatchPrediction) {
  const Model model = toy_model();
  const std::vector<std::string> turns = {"Hello, this is Microsoft support.",
                                          "Your computer has a virus!",
                                          "Please install AnyDesk, then read me the code.", ""};
  ModelState state;
  std::vector<std::string> so_far;
  for (const std::string& turn : turns) {
    model.add_text(state, turn);
    so_far.push_back(turn);
    EXPECT_EQ(model.probability(state), model.predict(std::span<const std::string>(so_far)));
  }
  state.reset();
  EXPECT_EQ(model.probability(state), sigmoid(model.bias()));
}

TEST(ModelFile, RoundTripsExactly) {
  const Model model = toy_model();
  const std::string bytes = serialize_model(model);
  Result<Model> read = parse_model(bytes, "toy.sgtm");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(serialize_model(*read), bytes);
  EXPECT_EQ(read->predict("install anydesk"), model.predict("install anydesk"));
}

void expect_refused(const std::string& bytes, const std::string& words) {
  Result<Model> read = parse_model(bytes, "bad.sgtm");
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, ErrorCode::kModelFormat);
  EXPECT_NE(read.error().message.find("bad.sgtm"), std::string::npos) << read.error().message;
  EXPECT_NE(read.error().message.find(words), std::string::npos) << read.error().message;
}

TEST(ModelFile, RefusesWrongMagic) {
  std::string bytes = serialize_model(toy_model());
  bytes[0] = 'X';
  expect_refused(bytes, "wrong magic");
  expect_refused("{\"not\": \"a model\"}", "wrong magic");
}

TEST(ModelFile, RefusesTruncated) {
  const std::string bytes = serialize_model(toy_model());
  expect_refused(bytes.substr(0, bytes.size() - 1), "truncated");
  expect_refused(bytes.substr(0, 20), "truncated");
  expect_refused(bytes.substr(0, 3), "too short");
  expect_refused("", "too short");
}

TEST(ModelFile, RefusesNewerVersion) {
  std::string bytes = serialize_model(toy_model());
  bytes[4] = static_cast<char>(kModelFormatVersion + 1);
  expect_refused(bytes, "newer");
}

TEST(ModelFile, RefusesCorruption) {
  std::string bytes = serialize_model(toy_model());
  bytes[kHeaderSize + 100] ^= 0x40;
  expect_refused(bytes, "checksum");
}

// A version 1 file (no length prior, bias at offset 36) still loads, and scores as it did.
TEST(ModelFile, ReadsVersionOneAsNoLengthPrior) {
  FeatureOptions options = small_options().features;
  options.length_prior = 0;
  std::vector<float> weights(options.dim(), 0.0f);
  weights[3] = 0.5f;
  const Model model(options, 0.25f, weights);
  std::string v2 = serialize_model(model);
  // Version 1 is version 2 without the length_prior word at offset 36.
  std::string v1 = v2.substr(0, 36) + v2.substr(40, v2.size() - 40 - 8);
  v1[4] = 1;
  v1[8] = static_cast<char>(kHeaderSizeV1);
  uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : v1) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  for (int i = 0; i < 8; ++i) v1.push_back(static_cast<char>((hash >> (8 * i)) & 0xffu));
  Result<Model> read = parse_model(v1, "v1.sgtm");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->options().length_prior, 0u);
  EXPECT_EQ(read->bias(), 0.25f);
  EXPECT_EQ(serialize_model(*read), v2);
}

// The length prior keeps a short text near the prior and barely moves a long one.
TEST(Model, LengthPriorShrinksShortTexts) {
  const Model trained = toy_model();
  FeatureOptions without = trained.options();
  without.length_prior = 0;
  const Model unshrunk(without, trained.bias(),
                       {trained.weights().begin(), trained.weights().end()});
  const double prior = sigmoid(trained.bias());
  const std::string short_text = "anydesk";
  EXPECT_LT(std::abs(trained.predict(short_text) - prior),
            std::abs(unshrunk.predict(short_text) - prior));
  std::string long_text;
  for (int i = 0; i < 200; ++i) long_text += "please install anydesk and read me the code ";
  EXPECT_NEAR(trained.predict(long_text), unshrunk.predict(long_text), 0.05);
}

TEST(ModelFile, SavesAndLoads) {
  const Model model = toy_model();
  const std::string path = testing::TempDir() + "classifier_test_model.sgtm";
  ASSERT_TRUE(save_model(model, path).has_value());
  Result<Model> read = load_model(path);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(serialize_model(*read), serialize_model(model));
  std::remove(path.c_str());
  Result<Model> missing = load_model(path);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace scamguard::classifier
