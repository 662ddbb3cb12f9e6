#include "bench/peers.h"

#include "bench/benchsupport.h"

#include "core/base/clock.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace bench::peer {

namespace {

constexpr qint64 kBurstNs = 200'000; // a paced sender wakes every 0.2 ms and sends what is due
constexpr size_t kStreamWrite = 128 * 1024;
constexpr int kPatternBytes = 1 << 20;

quint32 mixSeq(quint32 seq, int i)
{
    quint32 x = seq * 2654435761u + quint32(i) * 40503u;
    return x ^ (x >> 15);
}

void sleepUntilMono(qint64 ns)
{
    const timespec ts{time_t(ns / 1'000'000'000), long(ns % 1'000'000'000)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
}

// Everything is bounded: a peer that stops reading stalls a send for at most this long.
void setSendTimeout(int fd, int seconds)
{
    const timeval tv{seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

// All of size bytes through read(2) or write(2) on a pipe; false at EOF or on an error.
template<typename Syscall, typename Byte>
bool transferAll(Syscall syscall, int fd, Byte *p, size_t size)
{
    while (size) {
        const ssize_t n = syscall(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= size_t(n);
    }
    return true;
}

bool writeAll(int fd, const void *data, size_t size)
{
    return transferAll(::write, fd, static_cast<const char *>(data), size);
}

bool readAll(int fd, void *data, size_t size)
{
    return transferAll(::read, fd, static_cast<char *>(data), size);
}

enum class Op : int { Connect = 1, Close = 2 };

struct Command
{
    Op op = Op::Connect;
    int count = 0;
    int payload = 0;
    socklen_t length = 0;
    sockaddr_storage target{};
};

// The client process: plain syscalls, one request at a time, until its parent closes the pipe.
[[noreturn]] void clientMain(int in, int out)
{
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    std::vector<int> held;
    Command command;
    while (readAll(in, &command, sizeof command)) {
        ConnectionClient::Reply reply;
        reply.startWallNs = core::wallNs();
        if (command.op == Op::Connect) {
            std::vector<char> payload(size_t(std::max(command.payload, 1)), 'c');
            for (int i = 0; i < command.count && !reply.error; ++i) {
                const int fd = ::socket(command.target.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
                if (fd < 0) {
                    reply.error = errno;
                    break;
                }
                setSendTimeout(fd, 10);
                const auto *target = reinterpret_cast<const sockaddr *>(&command.target);
                int rc;
                while ((rc = ::connect(fd, target, command.length)) < 0 && errno == EINTR) {
                }
                if (rc < 0 || ::send(fd, payload.data(), size_t(command.payload), MSG_NOSIGNAL) != command.payload) {
                    reply.error = errno ? errno : EIO;
                    ::close(fd);
                    break;
                }
                held.push_back(fd);
                ++reply.done;
            }
        } else {
            for (int fd : held)
                ::close(fd);
            reply.done = int(held.size());
            held.clear();
        }
        reply.endWallNs = core::wallNs();
        if (!writeAll(out, &reply, sizeof reply))
            break;
    }
    _exit(0);
}

} // namespace

void fillDatagram(quint32 seq, char *out)
{
    std::memcpy(out, &seq, 4);
    const quint32 inverted = ~seq;
    std::memcpy(out + 4, &inverted, 4);
    for (int i = 8; i < kDatagramSize; i += 4) {
        const quint32 word = mixSeq(seq, i);
        std::memcpy(out + i, &word, 4);
    }
}

bool datagramSeq(const char *data, size_t size, quint32 *seq)
{
    if (size != size_t(kDatagramSize))
        return false;
    std::memcpy(seq, data, 4);
    char expected[kDatagramSize];
    fillDatagram(*seq, expected);
    return std::memcmp(expected, data, size_t(kDatagramSize)) == 0;
}

FloodResult sendDatagrams(const sockaddr *target, socklen_t length, int count, int rate)
{
    FloodResult result;
    const int fd = ::socket(target->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        result.failed = count;
        return result;
    }
    char datagram[kDatagramSize];
    result.startWallNs = core::wallNs();
    const qint64 startMono = core::monoNs();
    int next = 0;
    while (next < count) {
        int due = count;
        if (rate > 0) {
            const qint64 elapsed = core::monoNs() - startMono;
            due = int(std::min<qint64>(count, elapsed * rate / 1'000'000'000 + 1));
        }
        for (; next < due; ++next) {
            fillDatagram(quint32(next), datagram);
            if (::sendto(fd, datagram, sizeof datagram, 0, target, length) == kDatagramSize)
                ++result.sent;
            else
                ++result.failed;
        }
        if (rate > 0 && next < count)
            sleepUntilMono(core::monoNs() + kBurstNs);
    }
    result.endWallNs = core::wallNs();
    ::close(fd);
    return result;
}

void sendEndMarker(const sockaddr *target, socklen_t length)
{
    const int fd = ::socket(target->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    ::sendto(fd, kEndMarker, sizeof kEndMarker, 0, target, length);
    ::close(fd);
}

const QByteArray &streamPattern()
{
    static const QByteArray pattern = [] {
        QByteArray bytes(kPatternBytes, Qt::Uninitialized);
        quint64 x = 0x2545F4914F6CDD1Dull;
        for (int i = 0; i < kPatternBytes; i += 8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            std::memcpy(bytes.data() + i, &x, 8);
        }
        return bytes;
    }();
    return pattern;
}

quint64 streamChecksum(qint64 total)
{
    // Rounds check the same size again and again: remember the last answer.
    static qint64 lastTotal = -1;
    static quint64 lastValue = 0;
    if (total != lastTotal) {
        const QByteArray &pattern = streamPattern();
        StreamChecksum checksum;
        for (qint64 done = 0; done < total;) {
            const qint64 size = std::min<qint64>(pattern.size(), total - done);
            checksum.add(pattern.constData(), size_t(size));
            done += size;
        }
        lastTotal = total;
        lastValue = checksum.value();
    }
    return lastValue;
}

StreamResult sendStream(const sockaddr *target, socklen_t length, qint64 total)
{
    StreamResult result;
    const QByteArray &pattern = streamPattern();
    const int fd = ::socket(target->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        result.error = errno;
        return result;
    }
    setSendTimeout(fd, 20);
    result.startWallNs = core::wallNs();
    int rc;
    while ((rc = ::connect(fd, target, length)) < 0 && errno == EINTR) {
    }
    if (rc < 0) {
        result.error = errno;
        ::close(fd);
        return result;
    }
    while (result.sent < total) {
        const qint64 offset = result.sent % pattern.size();
        const size_t size = size_t(std::min<qint64>({qint64(kStreamWrite), total - result.sent, pattern.size() - offset}));
        const ssize_t n = ::send(fd, pattern.constData() + offset, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            result.error = n < 0 ? errno : EIO;
            break;
        }
        result.sent += n;
    }
    result.endWallNs = core::wallNs();
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
    return result;
}

bool ConnectionClient::start()
{
    int down[2];
    int up[2];
    if (::pipe2(down, O_CLOEXEC) < 0)
        return false;
    if (::pipe2(up, O_CLOEXEC) < 0) {
        ::close(down[0]);
        ::close(down[1]);
        return false;
    }
    m_pid = ::fork();
    if (m_pid == 0) {
        ::close(down[1]);
        ::close(up[0]);
        clientMain(down[0], up[1]);
    }
    ::close(down[0]);
    ::close(up[1]);
    m_toClient = down[1];
    m_fromClient = up[0];
    if (m_pid < 0) {
        ::close(m_toClient);
        ::close(m_fromClient);
        m_toClient = m_fromClient = -1;
        return false;
    }
    ::fcntl(m_fromClient, F_SETFL, O_NONBLOCK);
    return true;
}

ConnectionClient::~ConnectionClient()
{
    if (m_pid <= 0)
        return;
    ::close(m_toClient); // the client reads EOF and exits, closing whatever it still holds
    ::close(m_fromClient);
    for (int i = 0; i < 200; ++i) { // bounded: 10 s, then it is killed
        if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid)
            return;
        ::usleep(50'000);
    }
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
}

void ConnectionClient::connectAll(const sockaddr *target, socklen_t length, int count, int payloadBytes)
{
    Command command;
    command.op = Op::Connect;
    command.count = count;
    command.payload = payloadBytes;
    command.length = length;
    std::memcpy(&command.target, target, std::min<size_t>(length, sizeof command.target));
    writeAll(m_toClient, &command, sizeof command);
}

void ConnectionClient::closeAll()
{
    Command command;
    command.op = Op::Close;
    writeAll(m_toClient, &command, sizeof command);
}

bool ConnectionClient::poll(Reply *reply)
{
    // A reply is a few dozen bytes, written at once: it arrives whole or not at all.
    const ssize_t n = ::read(m_fromClient, reply, sizeof *reply);
    return n == ssize_t(sizeof *reply);
}

} // namespace bench::peer
