// A plain TCP client for what an HTTP library will not send: trickled headers, bodies over
// the limit, hundreds of headers. Blocking socket with poll() timeouts; SIGPIPE-free sends.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace scamguard::testing {

// One HTTP/1.1 chunk.
inline std::string chunked(std::string_view data) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }

  bool connected() const { return fd_ >= 0; }

  // Ends the connection from this side; with answers unread, the server sees a reset.
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  bool send(std::string_view data) {
    while (fd_ >= 0 && !data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return fd_ >= 0;
  }

  // Whether there is something to read (or the peer closed) within `timeout`.
  bool readable(std::chrono::milliseconds timeout) const {
    pollfd p{fd_, POLLIN, 0};
    return fd_ >= 0 && ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
  }

  // Everything the server sends until it closes or is silent for `timeout`.
  const std::string& response(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    char buffer[16384];
    while (readable(timeout)) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received_.append(buffer, static_cast<size_t>(n));
      timeout = std::chrono::milliseconds(200);
    }
    return received_;
  }

  // The status code of the first response, 0 when none came.
  int status() {
    const std::string& text = response();
    if (text.rfind("HTTP/1.", 0) != 0 || text.size() < 12) return 0;
    return std::stoi(text.substr(9, 3));
  }

  // Whether the server resets the connection within `timeout`, without reading what it sent
  // (closing a socket with requests still unread resets it).
  bool reset_within(std::chrono::milliseconds timeout) const {
    pollfd p{fd_, 0, 0};  // POLLHUP and POLLERR are reported without being asked for
    return fd_ >= 0 && ::poll(&p, 1, static_cast<int>(timeout.count())) > 0 &&
           (p.revents & (POLLHUP | POLLERR)) != 0;
  }

  // Whether the server closes the connection (read returns 0 or an error) within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      if (!readable(std::chrono::milliseconds(100))) continue;
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) return true;
    }
    return false;
  }

 private:
  int fd_ = -1;
  std::string received_;
};

}  // namespace scamguard::testing
