#include "server/http_server.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace scamguard::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

class Connection;

// After a refusal the client may still be sending (a body over the limit): closing at once
// would reset the connection and could destroy the answer before the client read it. So the
// sending side is shut, what arrives is read and dropped for at most this long, then closed.
constexpr auto kLingerTime = std::chrono::seconds(1);

}  // namespace

struct HttpServer::Impl {
  Impl(HttpOptions opts, const Router& r, ErrorRenderer render, AccessLog log)
      : options(std::move(opts)),
        router(r),
        render_error(std::move(render)),
        access_log(std::move(log)),
        loops(make_loops(options.threads)),
        acceptor(loops.front()->context),
        retry_timer(loops.front()->context),
        sweep_timer(loops.front()->context) {}

  void accept();
  void reject(tcp::socket socket);
  void sweep();
  void log(AccessRecord&& record) const {
    if (access_log) access_log(record);
  }

  HttpOptions options;
  const Router& router;
  ErrorRenderer render_error;
  AccessLog access_log;
  // Declared before the event loop: connections still queued in it when it is destroyed
  // unregister themselves here.
  std::atomic<bool> stopping{false};
  std::atomic<size_t> connections{0};
  std::mutex registry_mutex;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> registry;
  // One single-threaded event loop per thread; a connection lives on one loop for its life,
  // so its reads, handler and writes run on one thread with no hand-offs (a hand-off costs two
  // wake-ups per request). The work guards keep idle loops running until stop().
  struct Loop {
    net::io_context context{1};
    net::executor_work_guard<net::io_context::executor_type> guard = net::make_work_guard(context);
  };
  static std::vector<std::unique_ptr<Loop>> make_loops(size_t count) {
    std::vector<std::unique_ptr<Loop>> made;
    for (size_t i = 0; i < std::max<size_t>(count, 1); ++i)
      made.push_back(std::make_unique<Loop>());
    return made;
  }
  std::vector<std::unique_ptr<Loop>> loops;
  size_t next_loop = 0;  // round-robin, touched by the accept handler only
  tcp::acceptor acceptor;
  net::steady_timer retry_timer;
  // Closes the connections past their deadline (see Connection::set_deadline).
  net::steady_timer sweep_timer;
};

namespace {

std::string client_of(const tcp::socket& socket) {
  beast::error_code ec;
  const tcp::endpoint remote = socket.remote_endpoint(ec);
  if (ec) return "?";
  return remote.address().to_string() + ":" + std::to_string(remote.port());
}

std::string chunk(std::string_view data, bool last) {
  std::string out;
  if (!data.empty()) {
    char size[20];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    out.append(size).append(data).append("\r\n");
  }
  if (last) out.append("0\r\n\r\n");
  return out;
}

// Shuts the sending side, drops what the client still sends for at most kLingerTime, closes.
// (The 503 of a connection over the limit; a Connection lingers through its deadline.)
template <class Self>
void linger_close(std::shared_ptr<Self> self, beast::tcp_stream& stream,
                  std::array<char, 4096>& scratch) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) {
    stream.close();
    return;
  }
  stream.expires_after(kLingerTime);
  stream.async_read_some(net::buffer(scratch),
                         [self, &stream, &scratch](beast::error_code error, size_t) {
                           if (error) {
                             stream.close();
                             return;
                           }
                           linger_close(self, stream, scratch);
                         });
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(HttpServer::Impl& server, tcp::socket socket)
      : server_(server),
        socket_(std::move(socket)),
        client_(client_of(socket_)),
        stream_timer_(socket_.get_executor()) {
    ++server_.connections;
  }
  ~Connection() {
    {
      std::lock_guard lock(server_.registry_mutex);
      server_.registry.erase(this);
    }
    --server_.connections;
  }

  void start() {
    {
      std::lock_guard lock(server_.registry_mutex);
      server_.registry.emplace(this, weak_from_this());
    }
    beast::error_code ec;
    socket_.set_option(tcp::no_delay(true), ec);
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->wait_request(); });
  }

  // The server is stopping: idle and half-read connections close now, a request being
  // handled is answered first, an event stream ends.
  void shutdown() {
    net::post(socket_.get_executor(), [self = shared_from_this()] {
      switch (self->state_) {
        case State::kIdle:
        case State::kReading:
          self->close();
          break;
        case State::kStreaming:
          self->wake_stream();
          break;
        default:
          break;
      }
    });
  }

  // Whether what the connection waits for (a request, its headers or body, the client taking
  // an answer, a lingering close) is overdue. Any thread: the sweep reads it on the first loop.
  bool past_deadline(Clock::time_point now) const {
    return deadline_.load(std::memory_order_relaxed) <= now.time_since_epoch().count();
  }

  // On the connection's loop, after the sweep saw it overdue: closes it unless the deadline
  // moved on in the meantime. A request cut off while being read is logged as a 408.
  void expire() {
    net::post(socket_.get_executor(), [self = shared_from_this()] {
      if (self->state_ == State::kClosed || !self->past_deadline(Clock::now())) return;
      if (self->state_ == State::kReading) {
        self->server_.log({self->client_, "", "", 408, Clock::now() - self->started_, 0, 0});
      }
      self->close();
    });
  }

 private:
  enum class State : uint8_t { kIdle, kReading, kHandling, kWriting, kStreaming, kClosed };

  const HttpOptions& options() const { return server_.options; }

  // A deadline is a number the sweep compares with the clock, not a timer: a timer armed for
  // every read and write (Beast's tcp_stream) cost an insert, a cancel and a handler run per
  // operation, 110,000 -> 97,000 instructions per /v1/check (bench/load/callgrind.sh).
  void set_deadline(std::chrono::milliseconds timeout) {
    deadline_.store((Clock::now() + timeout).time_since_epoch().count(), std::memory_order_relaxed);
  }
  void clear_deadline() { deadline_.store(kNoDeadline, std::memory_order_relaxed); }

  void wait_request() {
    if (state_ == State::kClosed) return;
    state_ = State::kIdle;
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(options().max_header_bytes));
    parser_->body_limit(options().max_body_bytes);
    if (buffer_.size() > 0) return read_header();  // the next request is already here
    set_deadline(options().keep_alive_timeout);
    socket_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->buffer_.commit(n);
                              if (ec) return self->close();
                              self->read_header();
                            });
  }

  void read_header() {
    state_ = State::kReading;
    started_ = Clock::now();
    set_deadline(options().header_timeout);
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  // Read errors: a refusal with its status, or a silent close (the client went away, or the
  // sweep closed the socket at the deadline).
  void on_read_error(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      return refuse(431, "header_too_large",
                    "the request headers are over " + std::to_string(options().max_header_bytes) +
                        " bytes (limits.max_header_bytes)");
    }
    if (ec == http::error::body_limit) {
      return refuse(413, "body_too_large",
                    "the request body is over the limit of " +
                        std::to_string(options().max_body_bytes) +
                        " bytes (limits.max_body_bytes)");
    }
    if (state_ == State::kClosed || ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset) {
      return close();
    }
    refuse(400, "bad_request", "the HTTP request could not be read: " + ec.message());
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    const auto& header = parser_->get();
    const size_t count = static_cast<size_t>(std::distance(header.begin(), header.end()));
    if (count > options().max_headers) {
      return refuse(431, "too_many_headers",
                    "the request has " + std::to_string(count) + " headers; at most " +
                        std::to_string(options().max_headers) + " (limits.max_headers)");
    }
    if (parser_->is_done()) return on_request();
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      set_deadline(options().write_timeout);
      net::async_write(socket_, net::buffer(kContinue),
                       [self = shared_from_this()](beast::error_code error, size_t) {
                         if (error) return self->close();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    set_deadline(options().read_timeout);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->on_read_error(ec);
                       self->on_request();
                     });
  }

  void on_request() {
    state_ = State::kHandling;
    clear_deadline();
    http::request<http::string_body> message = parser_->release();
    parser_.reset();
    version_ = message.version();
    keep_alive_ = message.keep_alive();
    Request req;
    req.method = std::string(message.method_string());
    target_ = std::string(message.target());
    if (!parse_target(target_, req.path, req.params)) {
      keep_alive_ = false;
      return refuse(400, "bad_request", "the request target is not valid percent-encoding");
    }
    for (const auto& field : message) {
      req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    req.body = std::move(message.body());
    req.remote_addr = client_.substr(0, client_.rfind(':'));
    method_ = req.method;
    bytes_in_ = req.body.size();
    // The handler runs here, on this connection's loop: no hand-off to another thread and back.
    // A handler that blocks (a store commit) holds this loop's thread; the other loops go on
    // reading, writing and accepting.
    Response res;
    try {
      const Handler& handler = server_.router.match(req);
      handler(req, res);
    } catch (const std::exception& error) {
      res = Response{};
      server_.render_error(500, "internal", std::string("internal error: ") + error.what(), res);
    }
    send(std::move(res));
  }

  void refuse(int status, std::string_view code, const std::string& message) {
    Response res;
    server_.render_error(status, code, message, res);
    keep_alive_ = false;
    if (method_.empty() && parser_) method_ = std::string(parser_->get().method_string());
    if (target_.empty() && parser_) target_ = std::string(parser_->get().target());
    send(std::move(res));
  }

  void send(Response res) {
    if (state_ == State::kClosed) return;
    if (res.stream) return start_stream(std::move(res));
    response_ = {};
    response_.version(version_);
    response_.result(static_cast<unsigned>(res.status));
    if (!res.content_type.empty()) response_.set(http::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers) response_.insert(name, value);
    response_.body() = std::move(res.body);
    response_.keep_alive(keep_alive_ && !server_.stopping);
    response_.prepare_payload();
    state_ = State::kWriting;
    set_deadline(options().write_timeout);
    http::async_write(socket_, response_,
                      [self = shared_from_this()](beast::error_code ec, size_t written) {
                        self->log_request(self->response_.result_int(), written);
                        if (ec) return self->close();
                        if (!self->response_.keep_alive()) return self->linger();
                        self->wait_request();
                      });
  }

  void log_request(unsigned status, size_t bytes_out) {
    server_.log({client_, std::move(method_), std::move(target_), static_cast<int>(status),
                 Clock::now() - started_, bytes_in_, bytes_out});
    method_.clear();
    target_.clear();
    bytes_in_ = 0;
  }

  // Shuts the sending side and drops what the client still sends (the rest of a body over the
  // limit) until it closes or kLingerTime passes: closing at once would reset the connection
  // and could destroy the answer before the client read it.
  void linger() {
    state_ = State::kWriting;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    set_deadline(std::chrono::duration_cast<std::chrono::milliseconds>(kLingerTime));
    drain();
  }
  void drain() {
    socket_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  // --- event streams --------------------------------------------------------------------------

  void start_stream(Response res) {
    state_ = State::kStreaming;
    event_stream_ = std::move(res.stream);
    stream_header_.emplace(static_cast<http::status>(res.status), version_);
    if (!res.content_type.empty()) stream_header_->set(http::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers) stream_header_->insert(name, value);
    stream_header_->chunked(true);
    stream_header_->keep_alive(false);
    serializer_.emplace(*stream_header_);
    set_deadline(options().write_timeout);
    http::async_write_header(socket_, *serializer_,
                             [self = shared_from_this()](beast::error_code ec, size_t written) {
                               self->log_request(self->stream_header_->result_int(), written);
                               if (ec) return self->close();
                               self->clear_deadline();
                               std::weak_ptr<Connection> weak = self;
                               self->event_stream_->start([weak] {
                                 if (std::shared_ptr<Connection> connection = weak.lock())
                                   connection->wake_stream();
                               });
                               self->watch_disconnect();
                               self->stream_wake_ = true;
                               self->pump();
                             });
  }

  // The client sends nothing on an event stream; a read that ends means it went away.
  void watch_disconnect() {
    socket_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->close();
                              self->watch_disconnect();
                            });
  }

  void wake_stream() {
    net::post(socket_.get_executor(), [self = shared_from_this()] {
      self->stream_wake_ = true;
      self->stream_timer_.cancel();
      self->pump();
    });
  }

  void pump() {
    if (state_ != State::kStreaming || stream_writing_) return;
    bool done = server_.stopping;
    std::string data;
    if (stream_wake_ && !done) {
      stream_wake_ = false;
      EventStream::Step step = event_stream_->next();
      data = std::move(step.data);
      done = step.done;
    }
    if (server_.stopping) done = true;
    if (!data.empty() || done) return write_chunk(data, done);
    stream_timer_.expires_after(options().stream_keep_alive);
    stream_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->state_ != State::kStreaming || self->stream_writing_) return;
      self->write_chunk(self->event_stream_->keep_alive(), false);
    });
  }

  void write_chunk(std::string_view data, bool last) {
    stream_writing_ = true;
    stream_timer_.cancel();
    stream_out_ = chunk(data, last);
    set_deadline(options().write_timeout);
    net::async_write(socket_, net::buffer(stream_out_),
                     [self = shared_from_this(), last](beast::error_code ec, size_t) {
                       self->stream_writing_ = false;
                       if (ec) return self->close();
                       self->clear_deadline();
                       if (last) {
                         self->event_stream_.reset();
                         return self->linger();
                       }
                       self->pump();
                     });
  }

  void close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    clear_deadline();
    stream_timer_.cancel();
    event_stream_.reset();
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  static constexpr Clock::rep kNoDeadline = std::numeric_limits<Clock::rep>::max();

  HttpServer::Impl& server_;
  tcp::socket socket_;
  std::string client_;
  std::atomic<Clock::rep> deadline_{kNoDeadline};
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  State state_ = State::kIdle;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  http::response<http::string_body> response_;
  std::array<char, 4096> scratch_{};

  // For the access log line of the request in progress.
  Clock::time_point started_ = Clock::now();
  std::string method_;
  std::string target_;
  size_t bytes_in_ = 0;

  std::shared_ptr<EventStream> event_stream_;
  std::optional<http::response<http::empty_body>> stream_header_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;
  net::steady_timer stream_timer_;
  std::string stream_out_;
  bool stream_writing_ = false;
  bool stream_wake_ = false;
};

// Past max_connections: a 503 without reading the request, then closed.
struct Rejection : std::enable_shared_from_this<Rejection> {
  explicit Rejection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::string text;
  std::array<char, 4096> scratch{};
};

}  // namespace

void HttpServer::Impl::accept() {
  net::io_context& loop = loops[next_loop++ % loops.size()]->context;
  acceptor.async_accept(loop, [this](beast::error_code ec, tcp::socket socket) {
    if (stopping || !acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors (or another transient error): try again shortly rather than
      // spinning.
      retry_timer.expires_after(std::chrono::milliseconds(50));
      retry_timer.async_wait([this](beast::error_code) {
        if (!stopping) accept();
      });
      return;
    }
    if (connections.load() >= options.max_connections) {
      reject(std::move(socket));
    } else {
      std::make_shared<Connection>(*this, std::move(socket))->start();
    }
    accept();
  });
}

// Every sweep interval, on the first loop: the connections past their deadline are closed on
// their own loops. The interval is a quarter of the shortest timeout (at most 250 ms), so a
// timeout is kept to within a quarter of itself. After stop() the sweep goes on while
// connections remain, so a client that never takes its last answer cannot hold the shutdown.
void HttpServer::Impl::sweep() {
  const auto shortest =
      std::min({options.header_timeout, options.read_timeout, options.write_timeout,
                options.keep_alive_timeout,
                std::chrono::duration_cast<std::chrono::milliseconds>(kLingerTime)});
  const auto interval =
      std::clamp(shortest / 4, std::chrono::milliseconds(1), std::chrono::milliseconds(250));
  // Stopping, it looks every 10 ms instead: the last connection gone, the loop may return.
  sweep_timer.expires_after(stopping ? std::chrono::milliseconds(10) : interval);
  sweep_timer.async_wait([this](beast::error_code ec) {
    if (ec || (stopping && connections.load() == 0)) return;
    const Clock::time_point now = Clock::now();
    std::vector<std::shared_ptr<Connection>> overdue;
    {
      std::lock_guard lock(registry_mutex);
      // Under the lock a registered connection's members are alive (its destructor erases it
      // under the same lock before they go), so the check needs no reference; a reference
      // taken here must not be dropped here, or the destructor would wait for this lock.
      for (auto& [raw, weak] : registry) {
        if (!raw->past_deadline(now)) continue;
        if (std::shared_ptr<Connection> connection = weak.lock()) overdue.push_back(connection);
      }
    }
    for (const std::shared_ptr<Connection>& connection : overdue) connection->expire();
    sweep();
  });
}

void HttpServer::Impl::reject(tcp::socket socket) {
  const std::string client = client_of(socket);
  auto rejection = std::make_shared<Rejection>(std::move(socket));
  Response res;
  render_error(503, "too_many_connections",
               "the server has " + std::to_string(options.max_connections) +
                   " connections open (limits.max_connections); retry later",
               res);
  rejection->text = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + res.content_type +
                    "\r\nContent-Length: " + std::to_string(res.body.size()) +
                    "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + res.body;
  rejection->stream.expires_after(std::chrono::seconds(2));
  net::async_write(rejection->stream, net::buffer(rejection->text),
                   [this, rejection, client](beast::error_code ec, size_t written) {
                     log({client, "", "", 503, std::chrono::nanoseconds(0), 0, written});
                     if (ec) return rejection->stream.close();
                     linger_close(rejection, rejection->stream, rejection->scratch);
                   });
}

HttpServer::HttpServer(HttpOptions options, const Router& router, ErrorRenderer render_error,
                       AccessLog access_log)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(render_error),
                                   std::move(access_log))) {}

HttpServer::~HttpServer() {
  stop();
  for (auto& loop : impl_->loops) loop->context.stop();
}

Status HttpServer::bind(const std::string& host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  beast::error_code ec;
  tcp::resolver resolver(impl_->loops.front()->context);
  auto endpoints = resolver.resolve(host, std::to_string(port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return make_error(ErrorCode::kUnavailable,
                      "cannot listen on " + where + ": " + (ec ? ec.message() : "no address"));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  tcp::acceptor& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  // SO_REUSEADDR lets a restarted daemon bind while old connections sit in TIME_WAIT; unlike
  // SO_REUSEPORT it never lets a second process listen on the same port.
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    acceptor.close(ignored);
    return make_error(
        ErrorCode::kUnavailable,
        "cannot listen on " + where + ": " + ec.message() +
            (ec == net::error::address_in_use ? " (another process listens there)" : ""));
  }
  return {};
}

int HttpServer::port() const {
  beast::error_code ec;
  const tcp::endpoint local = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : local.port();
}

void HttpServer::run() {
  if (!impl_->stopping) {
    net::post(impl_->acceptor.get_executor(), [this] {
      impl_->accept();
      impl_->sweep();
    });
  }
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl_->loops.size(); ++i) {
    threads.emplace_back([loop = impl_->loops[i].get()] { loop->context.run(); });
  }
  impl_->loops.front()->context.run();
  for (std::thread& thread : threads) thread.join();
}

void HttpServer::stop() {
  if (impl_->stopping.exchange(true)) return;
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    beast::error_code ec;
    impl->acceptor.close(ec);
    impl->retry_timer.cancel();
    impl->sweep();  // at the stopping pace from now on
    std::vector<std::shared_ptr<Connection>> open;
    {
      std::lock_guard lock(impl->registry_mutex);
      for (auto& [raw, weak] : impl->registry) {
        if (std::shared_ptr<Connection> connection = weak.lock()) open.push_back(connection);
      }
    }
    for (const std::shared_ptr<Connection>& connection : open) connection->shutdown();
    // Each loop returns once its connections have finished.
    for (auto& loop : impl->loops) loop->guard.reset();
  });
}

}  // namespace scamguard::server
