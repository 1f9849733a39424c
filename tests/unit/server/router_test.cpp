// The router picks the first route whose method matches and whose pattern matches the whole
// path (server/http.h). It skips std::regex for routes whose literal prefix the path lacks;
// these cases pin that the skip never loses a match the regex would have made.

#include <gtest/gtest.h>

#include <string>

#include "server/http.h"

namespace scamguard::server {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  void add(Method method, const std::string& pattern) {
    router_.add(method, pattern, [pattern](const Request&, Response& res) { res.body = pattern; });
  }
  // The pattern of the route that answers, "404" for the fallback, and the captured groups.
  std::string route(const std::string& method, const std::string& path) {
    Request req;
    req.method = method;
    req.path = path;
    Response res;
    router_.match(req)(req, res);
    matches_ = req.matches;
    return res.status == 404 ? "404" : res.body;
  }
  Router router_;
  std::vector<std::string> matches_;
};

TEST_F(RouterTest, LiteralRoutesMatchTheWholePathOnly) {
  add(Method::kGet, "/healthz");
  add(Method::kPost, "/v1/check");
  EXPECT_EQ(route("GET", "/healthz"), "/healthz");
  EXPECT_EQ(matches_, std::vector<std::string>{"/healthz"});
  EXPECT_EQ(route("POST", "/v1/check"), "/v1/check");
  EXPECT_EQ(route("GET", "/v1/check"), "404");    // wrong method
  EXPECT_EQ(route("POST", "/v1/checks"), "404");  // longer path
  EXPECT_EQ(route("POST", "/v1/chec"), "404");
}

TEST_F(RouterTest, PatternsCaptureTheirGroups) {
  add(Method::kPost, "/v1/calls");
  add(Method::kPost, "/v1/calls/([A-Za-z0-9._:@-]+)/turns");
  EXPECT_EQ(route("POST", "/v1/calls/abc-1/turns"), "/v1/calls/([A-Za-z0-9._:@-]+)/turns");
  EXPECT_EQ(matches_, (std::vector<std::string>{"/v1/calls/abc-1/turns", "abc-1"}));
  EXPECT_EQ(route("POST", "/v1/calls"), "/v1/calls");
  EXPECT_EQ(route("POST", "/v1/calls//turns"), "404");
  EXPECT_EQ(route("POST", "/v2/calls/abc/turns"), "404");
}

TEST_F(RouterTest, AnOptionalCharacterIsNotPartOfThePrefix) {
  add(Method::kGet, "/v1/calls?");
  add(Method::kGet, "/v1/items*");
  add(Method::kGet, "/v1/ab{0,1}c");
  EXPECT_EQ(route("GET", "/v1/call"), "/v1/calls?");
  EXPECT_EQ(route("GET", "/v1/calls"), "/v1/calls?");
  EXPECT_EQ(route("GET", "/v1/item"), "/v1/items*");
  EXPECT_EQ(route("GET", "/v1/ac"), "/v1/ab{0,1}c");
}

TEST_F(RouterTest, AlternativesAreAllTried) {
  add(Method::kGet, "/metrics|/v1/metrics");
  EXPECT_EQ(route("GET", "/metrics"), "/metrics|/v1/metrics");
  EXPECT_EQ(route("GET", "/v1/metrics"), "/metrics|/v1/metrics");
}

TEST_F(RouterTest, TheFirstMatchingRouteWins) {
  add(Method::kGet, "/v1/calls/([^/]+)");
  add(Method::kGet, "/v1/calls/special");
  EXPECT_EQ(route("GET", "/v1/calls/special"), "/v1/calls/([^/]+)");
}

}  // namespace
}  // namespace scamguard::server
