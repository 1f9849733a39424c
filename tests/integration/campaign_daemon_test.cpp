// Campaigns in scamguardd over real HTTP: closed calls build campaigns in the daemon's
// database, /v1/campaigns serves them and their case report, and a live call reading a known
// script gets CAMPAIGN_SCRIPT_MATCH, also after a reload and a restart.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "integration/daemon_process.h"

namespace scamguard::testing {
namespace {

using nlohmann::json;

// One call centre's script, read by three agents: each paraphrases a little, and each call
// comes from a different caller ID and trunk (caller IDs rotate; the script does not).
const std::vector<std::vector<std::string>> kAgents = {
    {"hello this is david from the amazon security department calling about a suspicious order "
     "on your account",
     "someone placed an order for an iphone for one thousand four hundred dollars from your "
     "account this morning",
     "to cancel it and get your refund you need to go to your computer and download anydesk from "
     "anydesk dot com",
     "please read me the nine digit code on your screen so our refund officer can connect to your "
     "computer",
     "now log in to your online banking so we can process the refund of one hundred and forty "
     "nine dollars",
     "oh no we sent too much you must buy google play gift cards to return the extra money"},
    {"hello my name is kevin from the amazon security department i am calling about a suspicious "
     "order on your account",
     "someone placed an order for an iphone for one thousand four hundred dollars from your "
     "account today",
     "to cancel it and get your refund please go to your computer and download anydesk from "
     "anydesk dot com",
     "please read me the nine digit code on your screen so our refund officer can connect to the "
     "computer",
     "now log in to your online banking so we can process the refund of one hundred and forty "
     "nine dollars",
     "oh no we sent too much money you must buy google play gift cards to return the extra"},
    {"good morning this is steve from the amazon security department calling about a suspicious "
     "order on your account",
     "somebody placed an order for an iphone for one thousand four hundred dollars from your "
     "account this morning",
     "to cancel it and get your refund you need to go to your computer and download anydesk from "
     "anydesk dot com",
     "please read me the nine digit code on your screen so that our refund officer can connect to "
     "your computer",
     "now log in to your online banking so we can process your refund of one hundred and forty "
     "nine dollars",
     "oh no we sent too much you need to buy google play gift cards to return the extra money"},
};

const std::vector<std::string> kLegit = {
    "hi it is sarah from the northside dental clinic just confirming your check up tomorrow at "
    "ten",
    "if you need to move it just give the front desk a ring any time before five today",
    "thanks so much and see you tomorrow"};

std::string scam_setup(int agent) {
  return json{{"caller", "+6141234567" + std::to_string(agent)},
              {"display_name", "AMAZON AU"},
              {"ingress", "international"},
              {"ingress_country", "IN"},
              {"trunk", "gw-0" + std::to_string(agent)}}
      .dump();
}

constexpr const char* kLegitSetup = R"({"caller": "+61298765432", "ingress": "domestic"})";

json body_json(const httplib::Result& result) {
  if (!result) return json(nullptr);
  return json::parse(result->body, nullptr, false);
}

// Opens a call, posts `turns` as the remote party, returns the id and the last verdict.
std::pair<std::string, json> run_call(httplib::Client& cli, const std::string& setup,
                                      const std::vector<std::string>& turns) {
  auto opened = cli.Post("/v1/calls", setup, "application/json");
  if (!opened || opened->status != 201) return {};
  const std::string id = body_json(opened)["id"].get<std::string>();
  json verdict = body_json(opened)["verdict"];
  for (const std::string& text : turns) {
    auto res = cli.Post(("/v1/calls/" + id + "/turns").c_str(),
                        json{{"speaker", "remote"}, {"text", text}}.dump(), "application/json");
    if (!res || res->status != 200) return {id, json(nullptr)};
    verdict = body_json(res)["verdict"];
  }
  return {id, verdict};
}

json close_call(httplib::Client& cli, const std::string& id) {
  auto res = cli.Post(("/v1/calls/" + id + "/close").c_str(), "{}", "application/json");
  if (!res || res->status != 200) return json(nullptr);
  return body_json(res)["verdict"];
}

const json* finding(const json& verdict, const std::string& symbol) {
  if (!verdict.is_object() || !verdict.contains("findings")) return nullptr;
  for (const json& item : verdict["findings"]) {
    if (item["symbol"] == symbol) return &item;
  }
  return nullptr;
}

uint64_t metric(httplib::Client& cli, const std::string& name) {
  auto res = cli.Get("/metrics");
  if (!res) return 0;
  const std::string key = "\n" + name + " ";
  const size_t at = res->body.find(key);
  if (at == std::string::npos) return 0;
  return std::stoull(res->body.substr(at + key.size()));
}

// Live matching is refreshed in the background; wait until it reflects `calls` calls.
bool wait_for_index(httplib::Client& cli, uint64_t calls) {
  for (int i = 0; i < 400; ++i) {
    if (metric(cli, "scamguard_campaign_indexed_calls") >= calls) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

std::set<std::string> as_set(const json& array) {
  std::set<std::string> out;
  for (const json& item : array) out.insert(item.get<std::string>());
  return out;
}

TEST(DaemonCampaigns, ClosedCallsBuildACampaignThatLiveCallsAreMatchedAgainst) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();

  // Nothing known yet: the list is empty and the first scam call cannot match a campaign.
  EXPECT_EQ(body_json(cli.Get("/v1/campaigns"))["campaigns"], json::array());
  std::set<std::string> scam_ids;
  for (size_t agent = 0; agent < kAgents.size(); ++agent) {
    auto [id, verdict] = run_call(cli, scam_setup(static_cast<int>(agent)), kAgents[agent]);
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(verdict.is_object());
    EXPECT_NE(verdict["action"], "allow") << verdict.dump();
    if (agent == 0) {
      EXPECT_EQ(finding(verdict, "CAMPAIGN_SCRIPT_MATCH"), nullptr);
    }
    ASSERT_TRUE(close_call(cli, id).is_object());
    scam_ids.insert(id);
  }
  auto [legit_id, legit_verdict] = run_call(cli, kLegitSetup, kLegit);
  ASSERT_FALSE(legit_id.empty());
  EXPECT_EQ(legit_verdict["action"], "allow") << legit_verdict.dump();
  ASSERT_TRUE(close_call(cli, legit_id).is_object());
  ASSERT_TRUE(wait_for_index(cli, 4)) << daemon.log_text();
  EXPECT_EQ(metric(cli, "scamguard_campaign_calls"), 4u);
  EXPECT_EQ(metric(cli, "scamguard_campaign_scripts"), 1u);
  EXPECT_EQ(metric(cli, "scamguard_campaign_errors_total"), 0u);

  // One campaign with the three scam calls; the legit call is in none.
  const json list = body_json(cli.Get("/v1/campaigns"));
  ASSERT_EQ(list["campaigns"].size(), 1u) << list.dump();
  EXPECT_EQ(list["total"], 1);
  EXPECT_EQ(list["campaigns"][0]["calls"], 3);
  const std::string campaign = list["campaigns"][0]["campaign"].get<std::string>();
  auto got = cli.Get(("/v1/campaigns/" + campaign).c_str());
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << got->body;
  const json detail = body_json(got);
  EXPECT_EQ(as_set(detail["calls"]), scam_ids);
  EXPECT_EQ(as_set(detail["calls"]).count(legit_id), 0u);
  // Shared indicators: what the script makes every agent say; caller IDs and trunks rotate.
  const json& indicators = detail["indicators"];
  EXPECT_EQ(as_set(indicators["remote_tool"]).count("anydesk"), 1u) << indicators.dump();
  EXPECT_EQ(as_set(indicators["web_address"]).count("anydesk.com"), 1u) << indicators.dump();
  EXPECT_EQ(as_set(indicators["gift_card"]).count("google play"), 1u) << indicators.dump();
  EXPECT_EQ(as_set(indicators["brand"]).count("amazon"), 1u) << indicators.dump();
  EXPECT_EQ(indicators["caller_id"].size(), 3u) << indicators.dump();

  // The case report, as JSON (default) and as HTML (Accept header or ?format=html).
  auto report = cli.Get(("/v1/campaigns/" + campaign + "/report").c_str());
  ASSERT_TRUE(report);
  ASSERT_EQ(report->status, 200) << report->body;
  EXPECT_EQ(report->get_header_value("Content-Type"), "application/json");
  const json report_json = body_json(report);
  ASSERT_TRUE(report_json.contains("call_details")) << report->body;
  std::set<std::string> reported;
  for (const json& call : report_json["call_details"]) reported.insert(call["id"]);
  EXPECT_EQ(reported, scam_ids);
  auto html = cli.Get(("/v1/campaigns/" + campaign + "/report").c_str(),
                      httplib::Headers{{"Accept", "text/html"}});
  ASSERT_TRUE(html);
  ASSERT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_EQ(html->body.rfind("<!DOCTYPE html>", 0), 0u);
  for (const std::string& id : scam_ids) EXPECT_NE(html->body.find(id), std::string::npos) << id;
  auto html_by_param = cli.Get(("/v1/campaigns/" + campaign + "/report?format=html").c_str());
  ASSERT_TRUE(html_by_param);
  EXPECT_EQ(html_by_param->body, html->body);
  EXPECT_EQ(cli.Get(("/v1/campaigns/" + campaign + "/report?format=pdf").c_str())->status, 400);

  // Unknown ids: 404 with the standard error body.
  for (const char* path : {"/v1/campaigns/cmp-999", "/v1/campaigns/cmp-999/report"}) {
    auto missing = cli.Get(path);
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404) << path;
    EXPECT_EQ(body_json(missing)["error"]["code"], "campaign_not_found") << missing->body;
  }

  // A new live call reading the script, from a caller ID never seen, matches the campaign from
  // its opening; the legit call's words do not.
  httplib::Client* live = &cli;
  auto expect_match = [&](const std::string& when) {
    auto [id, verdict] = run_call(*live, scam_setup(7), {kAgents[1][0], kAgents[2][1]});
    const json* match = finding(verdict, "CAMPAIGN_SCRIPT_MATCH");
    ASSERT_NE(match, nullptr) << when << ": " << verdict.dump();
    EXPECT_EQ((*match)["options"][0], "campaign=" + campaign) << when;
  };
  expect_match("after the campaign was built");
  auto [other_id, other] = run_call(cli, kLegitSetup, kLegit);
  EXPECT_EQ(finding(other, "CAMPAIGN_SCRIPT_MATCH"), nullptr) << other.dump();

  // SIGHUP swaps in a new Engine that keeps the same matcher.
  daemon.signal(SIGHUP);
  for (int i = 0; i < 200 && body_json(cli.Get("/healthz"))["engine_generation"] != 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(body_json(cli.Get("/healthz"))["engine_generation"], 2) << daemon.log_text();
  expect_match("after a reload");

  // A restart keeps the campaigns, matches from the start, and keeps growing the campaign.
  // The report says when it was generated; everything else must survive the restart.
  auto report_of = [&campaign](httplib::Client& client) {
    json fetched = body_json(client.Get(("/v1/campaigns/" + campaign + "/report").c_str()));
    fetched.erase("generated_at");
    return fetched;
  };
  const json before = report_of(cli);
  ASSERT_TRUE(before.contains("calls")) << before.dump();
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client again = daemon.client();
  EXPECT_EQ(report_of(again), before);
  live = &again;
  expect_match("after a restart");
  auto [late_id, late] = run_call(again, scam_setup(8), kAgents[0]);
  ASSERT_TRUE(close_call(again, late_id).is_object());
  const json grown = body_json(again.Get(("/v1/campaigns/" + campaign).c_str()));
  EXPECT_EQ(grown["calls"].size(), 4u) << grown.dump();
  EXPECT_EQ(as_set(grown["calls"]).count(late_id), 1u);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST(DaemonCampaigns, ListIsPagedAndRefusesBadParameters) {
  TempDir dir;
  DaemonProcess daemon(dir.path());
  std::string why;
  ASSERT_TRUE(daemon.start(&why)) << why;
  httplib::Client cli = daemon.client();
  // Two campaigns: the shared script, and a second script read twice.
  const std::vector<std::string> second = {
      "this is officer brown from the australian taxation office about an unpaid tax debt in your "
      "name",
      "a warrant has been issued for your arrest unless the debt is paid today",
      "you must pay the outstanding amount with apple gift cards at your nearest shop",
      "do not hang up and do not tell anyone at the shop what the cards are for"};
  for (int round = 0; round < 2; ++round) {
    for (const auto& script : {kAgents[static_cast<size_t>(round)], second}) {
      auto [id, verdict] = run_call(cli, scam_setup(round), script);
      ASSERT_FALSE(id.empty());
      ASSERT_TRUE(close_call(cli, id).is_object());
    }
  }
  const json all = body_json(cli.Get("/v1/campaigns"));
  ASSERT_EQ(all["campaigns"].size(), 2u) << all.dump();
  const json first = body_json(cli.Get("/v1/campaigns?limit=1"));
  ASSERT_EQ(first["campaigns"].size(), 1u);
  ASSERT_TRUE(first["next_cursor"].is_string()) << first.dump();
  const json rest = body_json(
      cli.Get(("/v1/campaigns?limit=1&cursor=" + first["next_cursor"].get<std::string>()).c_str()));
  ASSERT_EQ(rest["campaigns"].size(), 1u);
  EXPECT_TRUE(rest["next_cursor"].is_null());
  EXPECT_EQ(json::array({first["campaigns"][0], rest["campaigns"][0]}), all["campaigns"]);
  for (const char* bad : {"/v1/campaigns?limit=0", "/v1/campaigns?limit=x",
                          "/v1/campaigns?cursor=-1", "/v1/campaigns?colour=red"}) {
    auto res = cli.Get(bad);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << bad;
    EXPECT_EQ(body_json(res)["error"]["code"], "invalid_input") << bad;
  }
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace scamguard::testing
