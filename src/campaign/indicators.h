// Indicators: the concrete, checkable things a call leaves behind — the number it asks to be
// called back on, the remote-access tool and the ID the caller reads out, the website, the
// amounts, the gift cards, the account to pay into, the brand claimed, the caller ID and the
// trunk it came in on. Each is kept with the turn it came from, so a case report can point at
// the words.
//
// Only the remote party's turns (and undiarised turns) are read: what the protected user says
// (their own phone number, their own machine's AnyDesk ID, their card) is the victim's data,
// not the campaign's, and is never extracted.
//
// Text is read in the engine's canonical form (text/normalizer.h), so "one eight hundred five
// five five ..." arrives as digits and "any desk dot com" as words around "dot".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/lists.h"
#include "scamguard/error.h"
#include "scamguard/events.h"

namespace scamguard::campaign {

enum class IndicatorKind : uint8_t {
  kCallbackNumber,  // a phone number the caller reads out (libphonenumber's finder)
  kRemoteTool,      // a remote-access tool named by the caller
  kRemoteId,        // a session ID or code the caller reads out for the user to enter
  kWebAddress,      // "anydesk dot com", "support-desk dot net"
  kAmount,          // an amount with its currency: "149 dollars"
  kGiftCard,        // a gift-card brand asked for
  kPaymentAccount,  // an account number, BSB, or payment handle to pay into
  kBrand,           // the brand, bank or authority the caller claims to be
  kCallerId,        // the presented caller number (set-up)
  kTrunk,           // the ingress trunk (set-up)
};
inline constexpr int kIndicatorKindCount = 10;

// Wire name ("callback_number", "remote_id", ...), and its inverse.
std::string_view to_string(IndicatorKind kind) noexcept;
std::optional<IndicatorKind> parse_indicator_kind(std::string_view name) noexcept;

// A strong indicator identifies one operation: two calls asking to be called back on the same
// number, or to connect to the same remote-access ID, or to pay into the same account, come
// from the same people. Weak ones (a tool, a brand, an amount, a rotating caller ID) are
// reported but never link calls on their own.
bool is_strong(IndicatorKind kind) noexcept;

// Turn index used for indicators from the call set-up.
inline constexpr int kSetupTurn = -1;

struct Indicator {
  IndicatorKind kind;
  std::string value;  // canonical: E.164 for numbers, "anydesk", "149 dollars", "anydesk.com"
  int turn = kSetupTurn;

  friend bool operator==(const Indicator&, const Indicator&) = default;
};

class IndicatorExtractor {
 public:
  // Builds the extractor from the configured lists (remote_tools, brands, banks, authorities,
  // gift_cards; a missing list is simply not used) and the E.164 country code of the protected
  // subscribers, which decides how national numbers read out are understood. Errors name the
  // list form that does not compile.
  static Result<IndicatorExtractor> create(const ListSet& lists,
                                           std::string_view home_country_code);

  IndicatorExtractor(IndicatorExtractor&&) noexcept;
  IndicatorExtractor& operator=(IndicatorExtractor&&) noexcept;
  ~IndicatorExtractor();

  // Every indicator of one call, in turn order, each value once per kind (at its first turn).
  // `turns` are raw transcript turns; they are normalised here. Thread-safe.
  std::vector<Indicator> extract(const CallSetup* setup, std::span<const Turn> turns) const;

  // The indicators of one remote-party turn already in canonical form, appended to `out`.
  void extract_turn(std::string_view canonical, int turn, std::vector<Indicator>& out) const;

 private:
  struct Impl;
  explicit IndicatorExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace scamguard::campaign
