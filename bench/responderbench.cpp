// Benchmarks of the engine's own work. responder: 1,000 TCP clients each send 100 requests of 64
// bytes, one at a time, to a listener whose rule answers with a regex match and a template; the
// same clients against a bare C epoll echo server in the same run. periodic: a 10 ms schedule
// for 10 s, each datagram's arrival timed by the receiver.
#include "bench/benchmarks.h"

#include "bench/appharness.h"
#include "bench/creference.h"

#include "core/base/clock.h"
#include "core/workbench.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

namespace bench {

namespace {

constexpr int kRequestBytes = 64;

struct LoadResult
{
    qint64 requests = 0;
    qint64 answered = 0;
    qint64 startNs = 0;
    qint64 endNs = 0;
    int error = 0;
};

// clients connections to the target, each sending its requests one after another (the next once
// the reply's newline came back): a closed loop, as people's clients are.
LoadResult runClients(const sockaddr *target, socklen_t length, int clients, int perClient, int timeoutMs)
{
    LoadResult r;
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    struct Client
    {
        int fd = -1;
        int sent = 0;
        int answered = 0;
    };
    std::vector<Client> all(static_cast<size_t>(clients));
    char request[kRequestBytes];
    auto sendRequest = [&](Client &c) {
        std::memset(request, '.', sizeof request);
        const int n = std::snprintf(request, sizeof request, "REQ %d-%d ", int(&c - all.data()), c.sent);
        request[n] = '.';
        request[kRequestBytes - 1] = '\n';
        if (::send(c.fd, request, sizeof request, MSG_NOSIGNAL) != kRequestBytes)
            r.error = r.error ? r.error : (errno ? errno : EIO);
        ++c.sent;
        ++r.requests;
    };
    for (Client &c : all) {
        c.fd = ::socket(target->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (c.fd < 0 || ::connect(c.fd, target, length) != 0) {
            r.error = errno;
            break;
        }
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = quint32(&c - all.data());
        ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
    }
    r.startNs = core::wallNs();
    for (Client &c : all) {
        if (c.fd >= 0 && !r.error)
            sendRequest(c);
    }
    const qint64 deadline = core::monoNs() + qint64(timeoutMs) * 1'000'000;
    const qint64 total = qint64(clients) * perClient;
    epoll_event events[256];
    char buffer[4096];
    while (!r.error && r.answered < total && core::monoNs() < deadline) {
        const int n = ::epoll_wait(ep, events, 256, 100);
        for (int i = 0; i < n; ++i) {
            Client &c = all[events[i].data.u32];
            const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (got <= 0) {
                if (got == 0 || errno != EAGAIN)
                    r.error = got == 0 ? ECONNRESET : errno;
                continue;
            }
            // One request is outstanding per client, so each newline ends its one reply.
            for (ssize_t k = 0; k < got; ++k) {
                if (buffer[k] != '\n')
                    continue;
                ++c.answered;
                ++r.answered;
                r.endNs = core::wallNs();
                if (c.sent < perClient)
                    sendRequest(c);
            }
        }
    }
    for (Client &c : all) {
        if (c.fd >= 0)
            ::close(c.fd);
    }
    ::close(ep);
    return r;
}

// The reference: accept and echo whatever arrives, on one epoll thread.
void echoServer(int listener, std::atomic<bool> &stop)
{
    const int ep = ::epoll_create1(EPOLL_CLOEXEC);
    ::fcntl(listener, F_SETFL, O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listener;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    std::vector<int> fds;
    epoll_event events[256];
    char buffer[65536];
    while (!stop.load()) {
        const int n = ::epoll_wait(ep, events, 256, 20);
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == listener) {
                for (;;) {
                    const int c = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (c < 0)
                        break;
                    epoll_event cev{};
                    cev.events = EPOLLIN;
                    cev.data.fd = c;
                    ::epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                    fds.push_back(c);
                }
                continue;
            }
            const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
            if (got > 0)
                ::send(fd, buffer, size_t(got), MSG_NOSIGNAL);
            else if (got == 0 || errno != EAGAIN)
                ::epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
        }
    }
    for (int fd : fds)
        ::close(fd);
    ::close(ep);
}

struct ResponderRound
{
    LoadResult load;
    double rate = 0;
    Lateness lateness;
    QString problem;
};

ResponderRound referenceRound(int clients, int perClient, int timeoutMs)
{
    ResponderRound r;
    const cref::Endpoint endpoint = cref::listening(AF_INET, nullptr, 4096);
    if (endpoint.fd < 0) {
        r.problem = QStringLiteral("C reference: cannot listen");
        return r;
    }
    std::atomic<bool> stop{false};
    std::thread server([&] { echoServer(endpoint.fd, stop); });
    r.load = runClients(endpoint.sockaddrPtr(), endpoint.length, clients, perClient, timeoutMs);
    stop = true;
    server.join();
    ::close(endpoint.fd);
    r.rate = perSecond(double(r.load.answered), r.load.startNs, r.load.endNs);
    if (r.load.error || r.load.answered != qint64(clients) * perClient)
        r.problem = QStringLiteral("C reference: %1 of %2 answered (errno %3)").arg(r.load.answered).arg(qint64(clients) * perClient).arg(r.load.error);
    return r;
}

ResponderRound appRound(int clients, int perClient, int timeoutMs)
{
    ResponderRound r;
    AppUnderTest app;
    core::Workbench &wb = app.workbench();
    int listener = -1;
    const core::SocketAddress target = app.watched(AF_INET, SOCK_STREAM, loopbackAddress(AF_INET), 4096, &listener);
    if (!target.isValid()) {
        r.problem = QStringLiteral("app: cannot open a watched listener");
        return r;
    }
    core::Rule rule;
    rule.match = core::MatchKind::Regex;
    rule.pattern = QStringLiteral("^REQ (\\d+)-(\\d+) ");
    rule.reply = core::ReplyKind::Template;
    rule.replyText = QStringLiteral("RSP {1}-{2} #{counter}\\n");
    wb.setRules(listener, {rule});
    settle(50);

    LatenessMeter meter;
    meter.start();
    std::atomic<bool> done{false};
    std::thread load([&] {
        r.load = runClients(target.data(), target.length(), clients, perClient, timeoutMs);
        done = true;
    });
    waitUntil([&] { return done.load(); }, timeoutMs + 5000);
    load.join();
    settle(50);
    meter.stop();
    r.lateness = meter.result();
    r.rate = perSecond(double(r.load.answered), r.load.startNs, r.load.endNs);
    const QList<core::RuleStatus> rules = wb.rules(listener);
    const quint64 hits = rules.isEmpty() ? 0 : rules.first().hits;
    if (r.load.error || r.load.answered != qint64(clients) * perClient || hits != quint64(clients) * quint64(perClient))
        r.problem = QStringLiteral("app: %1 of %2 answered, %3 rule hits (errno %4)")
                        .arg(r.load.answered).arg(qint64(clients) * perClient).arg(hits).arg(r.load.error);
    return r;
}

} // namespace

QJsonObject runResponder(const Options &options)
{
    raiseFdLimit();
    const int clients = options.quick ? 50 : 1000;
    const int perClient = options.quick ? 10 : 100;
    const int timeoutMs = 60000;
    Report report;
    std::vector<ResponderRound> reference, app;
    alternate(options, report, [&] { return referenceRound(clients, perClient, timeoutMs); },
              [&] { return appRound(clients, perClient, timeoutMs); }, reference, app);
    std::vector<double> appRates, cRates;
    std::vector<Lateness> lateness;
    qint64 requests = 0, answered = 0;
    for (const ResponderRound &r : app) {
        appRates.push_back(r.rate);
        lateness.push_back(r.lateness);
        requests += r.load.requests;
        answered += r.load.answered;
    }
    for (const ResponderRound &r : reference)
        cRates.push_back(r.rate);
    const double ratio = ratioOfMedians(appRates, cRates);
    const Lateness worst = Lateness::worst(lateness);
    report.set(QStringLiteral("clients"), clients);
    report.set(QStringLiteral("requests_per_client"), perClient);
    report.set(QStringLiteral("requests"), requests);
    report.set(QStringLiteral("answered"), answered);
    report.set(QStringLiteral("rate"), median(appRates));
    report.set(QStringLiteral("c_rate"), median(cRates));
    report.set(QStringLiteral("ratio_vs_c"), ratio);
    report.setRounds(appRates, cRates);
    report.setLateness(worst);
    report.set(QStringLiteral("rounds"), options.rounds);
    report.setAccounted(answered == requests, QStringLiteral("requests not answered"));
    report.row(QStringLiteral("requests answered"), QStringLiteral("%1 of %2").arg(answered).arg(requests), {}, {},
               QStringLiteral("all"), answered == requests);
    report.row(QStringLiteral("answer rate (regex + template) vs C echo"), formatRate(median(appRates), "req"),
               formatRate(median(cRates), "req"), formatRatio(ratio), QStringLiteral("≥ 0.50× C"), ratio >= 0.5);
    report.row(QStringLiteral("GUI lateness p99 / max"), worst.text(), {}, {}, QStringLiteral("max < 100 ms"), worst.maxMs < 100);
    return report.toJson();
}

QJsonObject runPeriodic(const Options &options)
{
    const int intervalMs = 10;
    const int sends = options.quick ? 100 : 1000; // 10 s
    Report report;
    AppUnderTest app;
    core::Workbench &wb = app.workbench();

    // The receiver: a bare UDP socket on its own thread, timing each arrival.
    const cref::Endpoint receiver = cref::boundUdp();
    std::vector<qint64> arrivals;
    arrivals.reserve(size_t(sends));
    std::thread reader([&] {
        timeval timeout{2, 0};
        ::setsockopt(receiver.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        char buffer[256];
        while (int(arrivals.size()) < sends) {
            if (::recv(receiver.fd, buffer, sizeof buffer, 0) < 0)
                break;
            arrivals.push_back(core::monoNs());
        }
    });
    const core::Workbench::SocketCall sender = wb.createSocket(AF_INET, SOCK_DGRAM);
    app.finished(sender.call);
    core::Schedule schedule;
    schedule.socketId = sender.socketId;
    schedule.kind = core::CallKind::SendTo;
    schedule.address = core::SocketAddress::fromSockaddr(receiver.sockaddrPtr(), receiver.length);
    schedule.payload = QStringLiteral("tick {counter}");
    schedule.intervalMs = intervalMs;
    schedule.count = sends;
    LatenessMeter meter;
    meter.start();
    const auto started = wb.startSchedule(schedule);
    if (!std::holds_alternative<int>(started))
        report.fail(QStringLiteral("the schedule did not start: %1").arg(std::get<core::ScheduleError>(started).error.message));
    waitUntil([&] { return wb.schedules().isEmpty() || !wb.schedules().first().running; }, sends * intervalMs + 10000);
    reader.join();
    meter.stop();
    ::close(receiver.fd);

    // Each send's error: its arrival against the ideal grid, anchored where the arrivals' median
    // offset puts it (the receiver cannot know when the schedule's clock started).
    std::vector<double> offsets;
    for (size_t k = 0; k < arrivals.size(); ++k)
        offsets.push_back(double(arrivals[k] - arrivals[0] - qint64(k) * intervalMs * 1'000'000) / 1e6);
    const double anchor = offsets.empty() ? 0 : median(offsets);
    std::vector<double> errors;
    for (const double offset : offsets)
        errors.push_back(std::abs(offset - anchor));
    if (qEnvironmentVariableIsSet("SWB_PERIODIC_TRACE")) {
        for (size_t k = 0; k < errors.size(); ++k) {
            if (errors[k] > 1)
                std::fprintf(stderr, "send %zu: %.3f ms off\n", k, errors[k]);
        }
    }
    const double p50 = errors.empty() ? 0 : percentile(errors, 0.5);
    const double p99 = errors.empty() ? 0 : percentile(errors, 0.99);
    report.set(QStringLiteral("interval_ms"), intervalMs);
    report.set(QStringLiteral("sends"), qint64(arrivals.size()));
    report.set(QStringLiteral("error_p50_ms"), p50);
    report.set(QStringLiteral("error_p99_ms"), p99);
    report.setLateness(meter.result());
    report.setAccounted(int(arrivals.size()) == sends, QStringLiteral("%1 of %2 datagrams arrived").arg(arrivals.size()).arg(sends));
    report.row(QStringLiteral("sends arrived"), QStringLiteral("%1 of %2").arg(arrivals.size()).arg(sends), {}, {},
               QStringLiteral("all"), int(arrivals.size()) == sends);
    report.row(QStringLiteral("timing error p50 / p99"), QStringLiteral("%1 / %2").arg(formatMs(p50), formatMs(p99)), {}, {},
               QStringLiteral("p99 < 2 ms"), p99 < 2);
    return report.toJson();
}

} // namespace bench
