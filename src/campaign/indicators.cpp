#include "campaign/indicators.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>

#include "text/normalizer.h"
#include "text/pattern_set.h"

namespace scamguard::campaign {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::array<std::string_view, kIndicatorKindCount> kKindNames = {
    "callback_number", "remote_tool",     "remote_id", "web_address", "amount",
    "gift_card",       "payment_account", "brand",     "caller_id",   "trunk"};

// Which list feeds which kind of indicator.
struct ListKind {
  std::string_view list;
  IndicatorKind kind;
};
constexpr std::array<ListKind, 5> kLists = {{{"remote_tools", IndicatorKind::kRemoteTool},
                                             {"brands", IndicatorKind::kBrand},
                                             {"banks", IndicatorKind::kBrand},
                                             {"authorities", IndicatorKind::kBrand},
                                             {"gift_cards", IndicatorKind::kGiftCard}}};

// Top-level domains people read out; "X dot Y" with another Y is a sentence, not an address.
const std::set<std::string_view> kTopLevelDomains = {
    "com",  "net",     "org",  "info", "co",   "io", "au", "uk", "us",  "biz", "online",
    "site", "support", "help", "tech", "live", "me", "in", "ca", "app", "xyz", "services"};

const std::set<std::string_view> kCurrencies = {"dollars", "dollar", "bucks", "aud", "usd",
                                                "pounds",  "gbp",    "euros", "eur", "rupees"};

// Words before a digit run that make it an account to pay into.
const std::set<std::string_view> kAccountWords = {"account", "acct",  "bsb",   "routing", "iban",
                                                  "wallet",  "payid", "swift", "sort"};
// Words before a digit run that make it a remote-access ID or session code.
const std::set<std::string_view> kRemoteIdWords = {"id",         "code",    "session", "pin",
                                                   "connection", "address", "key"};
// Numbers that are neither: reference numbers the script makes up ("case number 4471").
const std::set<std::string_view> kReferenceWords = {"case",    "ticket", "reference",   "order",
                                                    "invoice", "claim",  "transaction", "tracking"};
// Words near a brand that make it a claim to be that brand, not a mention of it.
const std::set<std::string_view> kClaimBefore = {"from", "this",    "im",     "am", "were",
                                                 "with", "calling", "behalf", "at", "representing"};
const std::set<std::string_view> kClaimAfter = {
    "support", "security", "department", "team", "customer", "fraud",   "billing", "technical",
    "refund",  "service",  "services",   "help", "desk",     "account", "care",    "prime"};

// What makes a gift-card brand a gift card: the brand names a card, a voucher or its code
// ("amazon gift card", "steam wallet codes", "itunes vouchers"), or a card is asked for from
// it ("gift cards from target"). "A free gift from amazon" names no card at all.
const std::set<std::string_view> kCardWords = {"card",     "cards",     "voucher", "vouchers",
                                               "giftcard", "giftcards", "code",    "codes"};
// Words that may stand between the brand and its card word: "amazon 500 dollar gift card".
const std::set<std::string_view> kCardFillers = {"gift",    "prepaid", "store",  "wallet",
                                                 "digital", "dollar",  "dollars"};
// Words that may stand between a card word and the brand it comes from.
const std::set<std::string_view> kCardFrom = {"from", "of", "for", "at"};
constexpr int kCardReach = 3;  // how many words after the brand its card word may stand

constexpr int kContextWords = 6;  // how far back a context word may stand

struct Word {
  std::string_view text;
  uint32_t from;
  uint32_t to;
};

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] != ' ') ++pos;
    if (pos > start) {
      words.push_back({text.substr(start, pos - start), static_cast<uint32_t>(start),
                       static_cast<uint32_t>(pos)});
    }
  }
  return words;
}

bool all_digits(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

bool is_number(std::string_view word) {
  if (word.empty() || !std::isdigit(static_cast<unsigned char>(word.front()))) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
}

bool context_has(const std::vector<Word>& words, size_t before,
                 const std::set<std::string_view>& set, int window = kContextWords) {
  const size_t start = before > static_cast<size_t>(window) ? before - window : 0;
  for (size_t i = start; i < before; ++i) {
    if (set.count(words[i].text)) return true;
  }
  return false;
}

// Whether the brand at words [first, last) is a gift card: a card word after it, past only
// fillers and amounts ("google play card", "amazon 100 dollar gift card"), or one just before
// it ("gift cards from target", "vouchers for steam").
bool names_a_card(const std::vector<Word>& words, size_t first, size_t last) {
  for (size_t i = last; i < words.size() && i < last + kCardReach; ++i) {
    if (kCardWords.count(words[i].text)) return true;
    if (!kCardFillers.count(words[i].text) && !is_number(words[i].text)) break;
  }
  size_t before = first;
  if (before > 0 && kCardFrom.count(words[before - 1].text)) --before;
  // Not a code before it: "the code for amazon" is more often a login code than a card's.
  if (before == 0) return false;
  const std::string_view word = words[before - 1].text;
  return kCardWords.count(word) && word != "code" && word != "codes";
}

// Spoken digits for the phone-number finder, from the raw turn: "one eight hundred five five
// five" is "1 800 5 5 5" to a person reading a number, although as a quantity it would be
// 1805. The canonical form reads numbers as quantities, so phone numbers are found here.
std::string phone_digits(std::string_view raw) {
  static const std::array<std::string_view, 10> kUnits = {"zero", "one", "two",   "three", "four",
                                                          "five", "six", "seven", "eight", "nine"};
  std::string lowered;
  lowered.reserve(raw.size());
  for (char c : raw)
    lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::vector<std::string_view> tokens;
  size_t pos = 0;
  auto is_sep = [](char c) { return c == ' ' || c == ',' || c == '-' || c == '.' || c == '?'; };
  while (pos < lowered.size()) {
    while (pos < lowered.size() && is_sep(lowered[pos])) ++pos;
    const size_t start = pos;
    while (pos < lowered.size() && !is_sep(lowered[pos])) ++pos;
    if (pos > start) tokens.push_back(std::string_view(lowered).substr(start, pos - start));
  }
  auto digit_of = [&](std::string_view token) -> int {
    for (size_t d = 0; d < kUnits.size(); ++d) {
      if (token == kUnits[d]) return static_cast<int>(d);
    }
    if (token == "oh" || token == "o") return 0;
    if (token.size() == 1 && std::isdigit(static_cast<unsigned char>(token[0])))
      return token[0] - '0';
    return -1;
  };
  // Consecutive digits, spoken or written, are joined into one run: people read a number in
  // groups ("1800 555 0199", "eight four four ..."), and the finder wants the whole number.
  std::string out;
  int repeat = 1;
  bool last_digit = false;
  for (std::string_view token : tokens) {
    if (token == "double") {
      repeat = 2;
      continue;
    }
    if (token == "triple") {
      repeat = 3;
      continue;
    }
    if (last_digit && token == "hundred") {
      out += "00";
      continue;
    }
    if (last_digit && token == "thousand") {
      out += "000";
      continue;
    }
    const int digit = (token == "oh" || token == "o") && !last_digit ? -1 : digit_of(token);
    if (digit >= 0) {
      for (int i = 0; i < repeat; ++i) out.push_back(static_cast<char>('0' + digit));
      last_digit = true;
    } else if (all_digits(token)) {
      out.append(token);
      last_digit = true;
    } else {
      if (!out.empty()) out.push_back(' ');
      if (token.front() == '+' && token.size() > 1 && all_digits(token.substr(1))) {
        out.append(token);
        last_digit = true;
        repeat = 1;
        continue;
      }
      out.append(token);
      out.push_back(' ');
      last_digit = false;
    }
    repeat = 1;
  }
  return out;
}

}  // namespace

std::string_view to_string(IndicatorKind kind) noexcept {
  return kKindNames[static_cast<size_t>(kind)];
}

std::optional<IndicatorKind> parse_indicator_kind(std::string_view name) noexcept {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<IndicatorKind>(i);
  }
  return std::nullopt;
}

bool is_strong(IndicatorKind kind) noexcept {
  return kind == IndicatorKind::kCallbackNumber || kind == IndicatorKind::kRemoteId ||
         kind == IndicatorKind::kPaymentAccount;
}

struct IndicatorExtractor::Impl {
  struct Tag {
    IndicatorKind kind;
    std::string name;
  };
  text::CompiledPatterns patterns;
  std::vector<Tag> tags;                       // pattern id -> what it names
  std::vector<std::string> tool_names_joined;  // "anydesk", "teamviewer": for web addresses
  std::string home_region;                     // "AU"

  void add_list_matches(std::string_view canonical, const std::vector<Word>& words, int turn,
                        std::vector<Indicator>& out) const;
  void add_numbers(std::string_view canonical, const std::vector<Word>& words, int turn,
                   bool has_remote_tool, std::vector<Indicator>& out,
                   std::vector<std::string>& excluded_digits) const;
  void add_web_addresses(const std::vector<Word>& words, int turn,
                         std::vector<Indicator>& out) const;
  void add_phone_numbers(std::string_view raw, int turn,
                         const std::vector<std::string>& excluded_digits,
                         std::vector<Indicator>& out) const;
};

Result<IndicatorExtractor> IndicatorExtractor::create(const ListSet& lists,
                                                      std::string_view home_country_code) {
  auto impl = std::make_unique<Impl>();
  text::PatternSetBuilder builder;
  for (const ListKind& source : kLists) {
    auto list = lists.find(source.list);
    if (list == lists.end()) continue;
    for (const ListEntry& entry : list->second.entries) {
      if (entry.name == "generic") continue;  // "your bank" names no one
      for (const std::string& form : entry.forms) {
        builder.add(form, entry.origin, true);
        impl->tags.push_back({source.kind, entry.name});
      }
      if (source.kind == IndicatorKind::kRemoteTool) {
        std::string joined;
        for (char c : entry.name) {
          if (c != ' ') joined.push_back(c);
        }
        impl->tool_names_joined.push_back(std::move(joined));
      }
    }
  }
  Result<text::CompiledPatterns> compiled = builder.compile();
  if (!compiled) return Unexpected{compiled.error()};
  impl->patterns = std::move(*compiled);

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  int country_code = 0;
  for (char c : home_country_code) {
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return make_error(ErrorCode::kConfig, "home_country_code '" + std::string(home_country_code) +
                                                "' is not an E.164 country code");
    }
    country_code = country_code * 10 + (c - '0');
  }
  util.GetRegionCodeForCountryCode(country_code, &impl->home_region);
  if (impl->home_region.empty() || impl->home_region == "ZZ") {
    return make_error(ErrorCode::kConfig, "home_country_code '" + std::string(home_country_code) +
                                              "' is not a known country calling code");
  }
  return IndicatorExtractor(std::move(impl));
}

IndicatorExtractor::IndicatorExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndicatorExtractor::IndicatorExtractor(IndicatorExtractor&&) noexcept = default;
IndicatorExtractor& IndicatorExtractor::operator=(IndicatorExtractor&&) noexcept = default;
IndicatorExtractor::~IndicatorExtractor() = default;

void IndicatorExtractor::Impl::add_list_matches(std::string_view canonical,
                                                const std::vector<Word>& words, int turn,
                                                std::vector<Indicator>& out) const {
  thread_local std::vector<text::PatternMatch> matches;
  matches.clear();
  patterns.scan(canonical, matches);
  for (const text::PatternMatch& match : matches) {
    const Tag& tag = tags[match.id];
    // The matched words are [first, last).
    size_t first = 0;
    while (first < words.size() && words[first].to <= match.from) ++first;
    size_t last = first;
    while (last < words.size() && words[last].to <= match.to) ++last;
    if (tag.kind == IndicatorKind::kGiftCard && !names_a_card(words, first, last)) continue;
    if (tag.kind == IndicatorKind::kBrand) {
      // A claim: a claiming word shortly before, or a department word right after.
      bool claimed = context_has(words, first, kClaimBefore, 4);
      for (size_t i = last; i < words.size() && i < last + 2 && !claimed; ++i) {
        claimed = kClaimAfter.count(words[i].text) > 0;
      }
      if (!claimed) continue;
    }
    out.push_back({tag.kind, tag.name, turn});
  }
}

void IndicatorExtractor::Impl::add_numbers(std::string_view /*canonical*/,
                                           const std::vector<Word>& words, int turn,
                                           bool has_remote_tool, std::vector<Indicator>& out,
                                           std::vector<std::string>& excluded_digits) const {
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& word = words[i];
    if (!is_number(word.text)) continue;
    // An amount: a number followed by its currency.
    if (i + 1 < words.size() && kCurrencies.count(words[i + 1].text)) {
      std::string_view currency = words[i + 1].text;
      std::string unit = currency == "dollar" || currency == "bucks" ? "dollars"
                         : currency == "euros" || currency == "eur"  ? "euros"
                                                                     : std::string(currency);
      out.push_back({IndicatorKind::kAmount, std::string(word.text) + " " + unit, turn});
      ++i;
      continue;
    }
    if (!all_digits(word.text)) continue;
    // A run of digit groups read out: "1234 5678", "062 000".
    size_t end = i;
    std::string digits;
    while (end < words.size() && all_digits(words[end].text)) digits.append(words[end++].text);
    const size_t start = i;
    i = end - 1;
    if (digits.size() < 6) continue;
    if (context_has(words, start, kReferenceWords)) {
      excluded_digits.push_back(digits);
    } else if (context_has(words, start, kAccountWords)) {
      out.push_back({IndicatorKind::kPaymentAccount, digits, turn});
      excluded_digits.push_back(digits);
    } else if (digits.size() <= 12 && context_has(words, start, kRemoteIdWords) &&
               (has_remote_tool || context_has(words, start, {"id", "session"}))) {
      out.push_back({IndicatorKind::kRemoteId, digits, turn});
      excluded_digits.push_back(digits);
    }
  }
}

void IndicatorExtractor::Impl::add_web_addresses(const std::vector<Word>& words, int turn,
                                                 std::vector<Indicator>& out) const {
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (words[i].text != "dot") continue;
    // The longest chain "a dot b dot c" starting at word i-1.
    size_t last = i + 1;
    while (last + 2 < words.size() && words[last + 1].text == "dot") last += 2;
    if (!kTopLevelDomains.count(words[last].text)) continue;
    std::string label(words[i - 1].text);
    // "any desk dot com": a tool whose name was heard as two words.
    if (i >= 2) {
      std::string two = std::string(words[i - 2].text) + label;
      if (std::find(tool_names_joined.begin(), tool_names_joined.end(), two) !=
          tool_names_joined.end()) {
        label = two;
      }
    }
    std::string address = label;
    for (size_t k = i + 1; k <= last; k += 2) address += "." + std::string(words[k].text);
    if (address.rfind("www.", 0) == 0) address.erase(0, 4);
    if (address.find('.') != std::string::npos)
      out.push_back({IndicatorKind::kWebAddress, address, turn});
    i = last;
  }
}

void IndicatorExtractor::Impl::add_phone_numbers(std::string_view raw, int turn,
                                                 const std::vector<std::string>& excluded_digits,
                                                 std::vector<Indicator>& out) const {
  const std::string text = phone_digits(raw);
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  std::vector<std::pair<int, int>> taken;  // spans already read as a number
  for (const std::string& region : {home_region, std::string("US")}) {
    PhoneNumberMatcher matcher(util, text, region, PhoneNumberMatcher::VALID, 64);
    PhoneNumberMatch match;
    while (matcher.HasNext()) {
      if (!matcher.Next(&match)) break;
      const int from = match.start();
      const int to = match.start() + match.length();
      bool overlaps = false;
      for (const auto& [a, b] : taken) overlaps = overlaps || (from < b && a < to);
      if (overlaps) continue;
      taken.push_back({from, to});
      std::string digits;
      for (char c : match.raw_string()) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
      }
      bool excluded = false;
      for (const std::string& other : excluded_digits) {
        excluded = excluded || other.find(digits) != std::string::npos ||
                   digits.find(other) != std::string::npos;
      }
      if (excluded) continue;
      std::string e164;
      util.Format(match.number(), PhoneNumberUtil::E164, &e164);
      out.push_back({IndicatorKind::kCallbackNumber, e164, turn});
    }
  }
}

void IndicatorExtractor::extract_turn(std::string_view canonical, int turn,
                                      std::vector<Indicator>& out) const {
  const std::vector<Word> words = split_words(canonical);
  const size_t before = out.size();
  impl_->add_list_matches(canonical, words, turn, out);
  const bool has_tool =
      std::any_of(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                  [](const Indicator& i) { return i.kind == IndicatorKind::kRemoteTool; });
  std::vector<std::string> excluded;
  impl_->add_numbers(canonical, words, turn, has_tool, out, excluded);
  impl_->add_web_addresses(words, turn, out);
  impl_->add_phone_numbers(canonical, turn, excluded, out);
}

std::vector<Indicator> IndicatorExtractor::extract(const CallSetup* setup,
                                                   std::span<const Turn> turns) const {
  std::vector<Indicator> all;
  if (setup && !setup->caller.empty())
    all.push_back({IndicatorKind::kCallerId, setup->caller, kSetupTurn});
  if (setup && !setup->trunk.empty())
    all.push_back({IndicatorKind::kTrunk, setup->trunk, kSetupTurn});
  std::string canonical;
  for (size_t t = 0; t < turns.size(); ++t) {
    if (turns[t].speaker == Speaker::kUser) continue;
    text::normalize(turns[t].text, canonical);
    const size_t before = all.size();
    const int turn = static_cast<int>(t);
    // Phone numbers are read from the raw turn (see phone_digits); the rest from canonical.
    const std::vector<Word> words = split_words(canonical);
    impl_->add_list_matches(canonical, words, turn, all);
    const bool has_tool =
        std::any_of(all.begin() + static_cast<std::ptrdiff_t>(before), all.end(),
                    [](const Indicator& i) { return i.kind == IndicatorKind::kRemoteTool; });
    std::vector<std::string> excluded;
    impl_->add_numbers(canonical, words, turn, has_tool, all, excluded);
    impl_->add_web_addresses(words, turn, all);
    impl_->add_phone_numbers(turns[t].text, turn, excluded, all);
  }
  // Each value once per kind, at its first turn.
  std::vector<Indicator> unique;
  std::set<std::pair<IndicatorKind, std::string>> seen;
  for (Indicator& indicator : all) {
    if (seen.insert({indicator.kind, indicator.value}).second)
      unique.push_back(std::move(indicator));
  }
  return unique;
}

}  // namespace scamguard::campaign
