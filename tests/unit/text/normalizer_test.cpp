// The canonical transcript form of text/normalizer.h: what every phrase pattern reads.

#include "text/normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace scamguard::text {
namespace {

TEST(Normalizer, LowerCasesAndPadsWithSpaces) {
  EXPECT_EQ(normalize("Hello THERE"), " hello there ");
}

TEST(Normalizer, CollapsesWhitespace) {
  EXPECT_EQ(normalize("  hello \t\n  there  "), " hello there ");
}

TEST(Normalizer, EmptyInputHasNoWords) {
  const std::string out = normalize("");
  EXPECT_EQ(out.find_first_not_of(' '), std::string::npos) << "'" << out << "'";
}

TEST(Normalizer, PunctuationBecomesSpace) {
  EXPECT_EQ(normalize("Hello, sir! Is this... Mr. Smith?"), " hello sir is this mr smith ");
}

TEST(Normalizer, DropsApostrophesInsideWords) {
  EXPECT_EQ(normalize("Don't hang up, it's Amazon"), " dont hang up its amazon ");
}

TEST(Normalizer, DropsTypographicApostrophesInsideWords) {
  EXPECT_EQ(normalize("don\u2019t hang up"), " dont hang up ");
}

TEST(Normalizer, JoinsSpacedApostropheArtefact) {
  // Synthetic corpora write "I ' Ve"; the canonical form must not keep a lone "ve".
  const std::string out = normalize("I ' Ve got it");
  EXPECT_EQ(out.find(" ' "), std::string::npos) << out;
  EXPECT_EQ(out.find('\''), std::string::npos) << out;
}

TEST(Normalizer, RemovesFillerWords) {
  EXPECT_EQ(normalize("please um install uh any desk erm now"), " please install any desk now ");
}

TEST(Normalizer, KeepsWordsThatOnlyStartLikeFillers) {
  EXPECT_EQ(normalize("umbrella error"), " umbrella error ");
}

TEST(Normalizer, SpokenDigitCountBecomesDigits) {
  EXPECT_EQ(normalize("read me the nine digit code"), " read me the 9 digit code ");
}

TEST(Normalizer, SpokenPriceBecomesDigits) {
  EXPECT_EQ(normalize("one forty nine dollars"), " 149 dollars ");
}

TEST(Normalizer, DigitByDigitNumberStaysInOrder) {
  EXPECT_EQ(normalize("call eight four four now"), " call 844 now ");
}

TEST(Normalizer, DollarAmountMovesCurrencyAfterNumber) {
  EXPECT_EQ(normalize("$1,537.35"), " 1537.35 dollars ");
}

TEST(Normalizer, DollarAmountInsideSentence) {
  EXPECT_EQ(normalize("a charge of $399.99 was made"), " a charge of 399.99 dollars was made ");
}

TEST(Normalizer, AustralianDollarPrefix) { EXPECT_EQ(normalize("A$149"), " 149 aud "); }

TEST(Normalizer, DotBetweenLettersIsSpoken) {
  EXPECT_EQ(normalize("amazon.com.au"), " amazon dot com dot au ");
}

TEST(Normalizer, SentenceFullStopIsNotSpokenAsDot) {
  EXPECT_EQ(normalize("Go to the site. Then wait."), " go to the site then wait ");
}

TEST(Normalizer, RemovesBracketedPlaceholders) {
  EXPECT_EQ(normalize("I am calling from [ORGANIZATION] about your [Company] account"),
            " i am calling from about your account ");
}

TEST(Normalizer, InvalidUtf8ActsAsSeparator) {
  const std::string input = std::string("any") + "\xff" + "desk" + "\xc3" + "now";
  const std::string out = normalize(input);
  EXPECT_EQ(out, " any desk now ");
}

TEST(Normalizer, InvalidUtf8NeverCrashes) {
  // Every single byte value, truncated sequences, overlong forms and surrogates.
  std::string input;
  for (int byte = 0; byte < 256; ++byte) input += static_cast<char>(byte);
  input += "\xe2\x82";          // truncated 3-byte sequence
  input += "\xc0\xaf";          // overlong '/'
  input += "\xed\xa0\x80";      // UTF-16 surrogate
  input += "\xf4\x90\x80\x80";  // above U+10FFFF
  const std::string out = normalize(input);
  EXPECT_FALSE(out.empty());
  // Nothing invalid survives: the output is valid UTF-8 (ASCII here, or kept valid sequences).
  for (unsigned char c : out) EXPECT_NE(c, 0xff);
}

TEST(Normalizer, KeepsNonEnglishText) {
  const std::string bengali =
      "\xe0\xa6\xb9\xe0\xa7\x8d\xe0\xa6\xaf\xe0\xa6\xbe\xe0\xa6\xb2\xe0"
      "\xa7\x8b";  // "hyalo" in Bengali script
  const std::string out = normalize(bengali + " amazon");
  EXPECT_NE(out.find(bengali), std::string::npos) << out;
  EXPECT_NE(out.find(" amazon "), std::string::npos) << out;
}

TEST(Normalizer, KeepsAccentedLatinWords) {
  const std::string out = normalize("Caf\xc3\xa9 ouvert");
  EXPECT_NE(out.find("caf"), std::string::npos) << out;
  EXPECT_NE(out.find(" ouvert "), std::string::npos) << out;
}

TEST(Normalizer, OutputBufferIsReplacedNotAppended) {
  std::string out = "previous contents";
  normalize("Hello", out);
  EXPECT_EQ(out, " hello ");
}

TEST(Normalizer, IsIdempotent) {
  for (const char* input : {"Please install Any Desk and read the nine digit code",
                            "$1,537.35 to amazon.com.au", "one forty nine dollars"}) {
    const std::string once = normalize(input);
    EXPECT_EQ(normalize(once), once) << input;
  }
}

}  // namespace
}  // namespace scamguard::text
