#include "campaign/report.h"

#include <gtest/gtest.h>

#include "corpus/corpus_reader.h"

namespace scamguard::campaign {
namespace {

using nlohmann::json;

StoredCall call(std::string id, int64_t started_at, bool time_known,
                std::vector<Indicator> indicators) {
  StoredCall out;
  out.id = std::move(id);
  out.started_at = started_at;
  out.time_known = time_known;
  out.action = "warn";
  out.score = 6.5;
  out.suspect = true;
  out.campaign = "cmp-1";
  out.indicators = std::move(indicators);
  return out;
}

std::vector<StoredCall> two_calls(bool time_known) {
  return {call("c-1", time_known ? 1764374400 : 1, time_known,  // 2025-11-29T00:00:00Z
               {{IndicatorKind::kCallerId, "+61298765432", kSetupTurn},
                {IndicatorKind::kTrunk, "gw-07", kSetupTurn},
                {IndicatorKind::kRemoteTool, "anydesk", 2},
                {IndicatorKind::kCallbackNumber, "+18445550123", 6}}),
          call("c-2", time_known ? 1764468000 : 2, time_known,  // 2025-11-30T02:00:00Z
               {{IndicatorKind::kCallerId, "+61398765432", kSetupTurn},
                {IndicatorKind::kTrunk, "gw-07", kSetupTurn},
                {IndicatorKind::kCallbackNumber, "+18445550123", 4},
                {IndicatorKind::kAmount, "499 dollars", 8}})};
}

TEST(CampaignReport, CampaignJsonIsTheCliLine) {
  json line = campaign_json("cmp-1", two_calls(true));
  EXPECT_EQ(line["campaign"], "cmp-1");
  EXPECT_EQ(line["calls"], json({"c-1", "c-2"}));
  EXPECT_EQ(line["first_seen"], "2025-11-29T00:00:00Z");
  EXPECT_EQ(line["last_seen"], "2025-11-30T02:00:00Z");
  EXPECT_EQ(line["indicators"]["callback_number"], json({"+18445550123"}));
  EXPECT_EQ(line["indicators"]["trunk"], json({"gw-07"}));
  EXPECT_EQ(line["indicators"]["caller_id"].size(), 2u);
  EXPECT_FALSE(line["indicators"].contains("gift_card"));
}

TEST(CampaignReport, WithoutTimesPositionsAreArrivalOrder) {
  json report = campaign_report_json("cmp-1", two_calls(false), {});
  EXPECT_EQ(report["first_seen"], 1);
  EXPECT_EQ(report["last_seen"], 2);
  EXPECT_EQ(report["time_basis"], "arrival_order");
  EXPECT_TRUE(report["volume"].empty());
}

TEST(CampaignReport, SharedIndicatorsNameTheirCallsAndTurns) {
  json report = campaign_report_json("cmp-1", two_calls(true),
                                     {{"c-2", "c-1", "callback_number", "+18445550123"}});
  const json& shared = report["shared_indicators"];
  ASSERT_EQ(shared.size(), 2u);  // the callback number and the trunk; not the tool or amount
  EXPECT_EQ(shared[0]["kind"], "callback_number");  // strong indicators first
  EXPECT_EQ(shared[0]["strong"], true);
  EXPECT_EQ(shared[0]["seen"], json::parse(R"([{"call":"c-1","turn":6},{"call":"c-2","turn":4}])"));
  EXPECT_EQ(shared[1]["kind"], "trunk");
  EXPECT_EQ(report["trunks"], json::parse(R"([{"value":"gw-07","calls":2}])"));
  EXPECT_EQ(report["caller_ids"].size(), 2u);
  EXPECT_EQ(report["volume"],
            json::parse(R"([{"day":"2025-11-29","calls":1},{"day":"2025-11-30","calls":1}])"));
  EXPECT_EQ(report["links"][0]["reason"], "callback_number");
  EXPECT_EQ(report["call_details"][0]["caller_id"], "+61298765432");
  EXPECT_EQ(report["call_details"][1]["indicators"].size(), 4u);
}

TEST(CampaignReport, ListJson) {
  json list = campaign_list_json({{"cmp-3", 5, 1764374400, 1764468000, true}});
  EXPECT_EQ(list, json::parse(R"({"campaigns":[{"campaign":"cmp-3","calls":5,
      "first_seen":"2025-11-29T00:00:00Z","last_seen":"2025-11-30T02:00:00Z"}]})"));
  EXPECT_EQ(campaign_list_json({{"cmp-3", 5, 1, 9, false}})["campaigns"][0]["last_seen"], 9);
}

TEST(CampaignReport, HtmlIsSelfContainedAndEscaped) {
  std::vector<StoredCall> calls = two_calls(true);
  calls[0].id = "<script>alert('x')</script>";
  calls[1].indicators.push_back({IndicatorKind::kWebAddress, "a\"b&c.com", 3});
  calls[0].indicators.push_back({IndicatorKind::kWebAddress, "a\"b&c.com", 1});
  const std::string html = campaign_report_html(campaign_report_json("cmp-<1>", calls, {}));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("a&quot;b&amp;c.com"), std::string::npos);
  EXPECT_NE(html.find("Campaign cmp-&lt;1&gt;"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // no external stylesheet, font or script
  EXPECT_NE(html.find("+18445550123"), std::string::npos);
  EXPECT_NE(html.find("turn 6"), std::string::npos);
}

// What the call store would say of c-1 and c-2 (store/call_evidence.h reads it from there).
std::optional<CallEvidence> evidence_of(const std::string& id) {
  if (id != "c-1") return std::nullopt;
  CallEvidence evidence;
  evidence.turns.resize(7);
  evidence.turns[2] = {"remote",
                       "now sir you must open the play store and download the application any "
                       "desk it is free and it is safe and then you read me the code on the "
                       "screen and we will be connected"};
  evidence.turns[6] = {"remote", "call us back on 1844 555 0123"};
  evidence.findings = {{"CID_WITHHELD", "contact", 1.0, kSetupTurn, {}},
                       {"REMOTE_TOOL_NAMED", "remote_access", 2.0, 2, {"tool=anydesk"}}};
  evidence.device_events = {"app_started anydesk after turn 2"};
  return evidence;
}

TEST(CampaignReport, StatesWhenAndByWhatItWasMade) {
  ReportContext context;
  context.generated_at = 1764374400;
  context.version = "9.8.7";
  json report = campaign_report_json("cmp-1", two_calls(true), {}, context);
  EXPECT_EQ(report["generated_at"], "2025-11-29T00:00:00Z");
  EXPECT_EQ(report["generator"], "scamguard 9.8.7");
  const std::string html = campaign_report_html(report);
  EXPECT_NE(html.find("Generated 2025-11-29T00:00:00Z by scamguard 9.8.7"), std::string::npos);
  // Without a context (the old callers) neither is claimed.
  EXPECT_FALSE(campaign_report_json("cmp-1", two_calls(true), {}).contains("generated_at"));
}

TEST(CampaignReport, EachCallHasItsFindingsWithTheWordsAroundThem) {
  ReportContext context;
  context.evidence = evidence_of;
  json report = campaign_report_json("cmp-1", two_calls(true), {}, context);
  const json& first = report["call_details"][0];
  ASSERT_EQ(first["id"], "c-1");
  ASSERT_EQ(first["findings"].size(), 2u);
  EXPECT_TRUE(first["findings"][0]["turn"].is_null());
  EXPECT_FALSE(first["findings"][0].contains("excerpt"));  // the set-up said nothing
  const std::string excerpt = first["findings"][1]["excerpt"];
  // Short, cut at words, and around the evidence ("any desk" for tool=anydesk).
  EXPECT_LE(excerpt.size(), 160u + 6u);
  EXPECT_NE(excerpt.find("any desk"), std::string::npos) << excerpt;
  EXPECT_EQ(first["findings"][1]["speaker"], "remote");
  EXPECT_EQ(first["remote_access"]["tools"], json({"anydesk"}));
  EXPECT_EQ(first["remote_access"]["device_events"], json({"app_started anydesk after turn 2"}));
  EXPECT_TRUE(report["call_details"][1]["findings"].is_null());  // the store had no c-2
  EXPECT_EQ(report["call_details"][1]["money"]["amounts"], json({"499 dollars"}));
  const std::string html = campaign_report_html(report);
  EXPECT_NE(html.find("REMOTE_TOOL_NAMED"), std::string::npos);
  EXPECT_NE(html.find("<q>"), std::string::npos);
}

TEST(CampaignReport, SummaryAndLeadsSayWhoToAskForWhat) {
  json report = campaign_report_json(
      "cmp-1", two_calls(true),
      {{"c-2", "c-1", "callback_number", "+18445550123"}, {"c-2", "c-1", "script", "0.42"}});
  const std::string summary = report["summary"];
  EXPECT_NE(summary.find("2 calls between 2025-11-29T00:00:00Z and 2025-11-30T02:00:00Z"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("to call back on +18445550123"), std::string::npos) << summary;
  EXPECT_NE(summary.find("to install anydesk"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Amounts named: 499 dollars"), std::string::npos) << summary;
  ASSERT_FALSE(report["leads"].empty());
  EXPECT_EQ(report["leads"][0]["kind"], "callback_number");
  EXPECT_NE(report["leads"][0]["ask"].get<std::string>().find("carrier"), std::string::npos);
  ASSERT_EQ(report["linking"].size(), 2u);
  EXPECT_NE(report["linking"][0].get<std::string>().find("called back on the same number"),
            std::string::npos);
  EXPECT_NE(report["linking"][1].get<std::string>().find("same script"), std::string::npos);
  EXPECT_NE(report["linking"][1].get<std::string>().find("about 42%"), std::string::npos);
}

TEST(Excerpt, CutsAtWordsAroundTheFirstNeedleFound) {
  const std::string text =
      "one two three four five six seven eight nine ten please install any desk now and then "
      "eleven twelve thirteen fourteen fifteen sixteen seventeen";
  const std::string cut = excerpt_around(text, {"nothing", "anydesk"}, 40);
  EXPECT_NE(cut.find("any desk"), std::string::npos) << cut;
  EXPECT_EQ(cut.rfind("…", 0), 0u) << cut;                // cut before
  EXPECT_NE(cut.find("…", 3), std::string::npos) << cut;  // and after
  EXPECT_LE(cut.size(), 40u + 6u);
  EXPECT_EQ(excerpt_around("short turn", {"x"}, 40), "short turn");
  EXPECT_EQ(excerpt_around(text, {"absent"}, 20).rfind("one two", 0), 0u);
}

TEST(StartedAt, CorpusReaderAcceptsUnixSecondsAndIsoUtc) {
  auto line = [](const std::string& started) {
    return R"({"id":"x","turns":[],"started_at":)" + started + "}";
  };
  EXPECT_EQ(corpus::parse_call(line("1764374400"))->started_at, 1764374400);
  EXPECT_EQ(corpus::parse_call(line(R"("2025-11-29T00:00:00Z")"))->started_at, 1764374400);
  EXPECT_EQ(corpus::parse_call(line(R"("2025-11-29T00:00:01.5+00:00")"))->started_at, 1764374401);
  EXPECT_EQ(corpus::parse_call(line(R"("2025-11-29")"))->started_at, 1764374400);
  EXPECT_FALSE(corpus::parse_call(R"({"id":"x","turns":[]})")->started_at.has_value());
  for (const char* bad :
       {R"("yesterday")", R"("2025-11-29T10:00:00+10:00")", R"("2025-13-01")", "true"}) {
    auto parsed = corpus::parse_call(line(bad));
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message.find("started_at"), std::string::npos);
  }
}

}  // namespace
}  // namespace scamguard::campaign
