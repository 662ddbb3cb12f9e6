#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <sys/socket.h>
#include <sys/types.h>

#include <cstddef>

// The far side of every benchmark, written with plain syscalls only (socket, connect, sendto,
// write, close), so what is measured is the receiving side: the app or the bare C reference.
namespace bench::peer {

// Datagrams: 64 bytes carrying their sequence number, so every one can be checked and counted.
constexpr int kDatagramSize = 64;
void fillDatagram(quint32 seq, char *out);
bool datagramSeq(const char *data, size_t size, quint32 *seq); // false when not one of ours
// Sent after a flood, a few times, so the receiver learns the kernel's final drop count.
constexpr char kEndMarker[] = "end of flood";

struct FloodResult
{
    int sent = 0;
    int failed = 0; // sendto errors (ENOBUFS...), counted, not retried
    qint64 startWallNs = 0;
    qint64 endWallNs = 0;
};
// count datagrams to target with sendto(2); rate per second, paced in small bursts (0: flat out).
FloodResult sendDatagrams(const sockaddr *target, socklen_t length, int count, int rate);
void sendEndMarker(const sockaddr *target, socklen_t length);

// Streams: a 1 MiB pseudo-random pattern, repeated.
const QByteArray &streamPattern();
quint64 streamChecksum(qint64 total); // the checksum of the first total bytes of the stream

struct StreamResult
{
    qint64 sent = 0;
    int error = 0;
    qint64 startWallNs = 0;
    qint64 endWallNs = 0;
};
// connect(2), write(2) total bytes in 128 KiB writes, shutdown(SHUT_WR), close(2).
StreamResult sendStream(const sockaddr *target, socklen_t length, qint64 total);

// Connections: a client process that opens count connections (socket, connect, send payload
// bytes), holds them, and closes them all on request. A process of its own because both ends of
// 10,000 connections do not fit one process's descriptor limit.
class ConnectionClient
{
public:
    struct Reply
    {
        int done = 0;   // connections opened (or closed)
        int error = 0;  // errno of the first failure
        qint64 startWallNs = 0;
        qint64 endWallNs = 0;
    };

    // Forks the client. Call before any thread starts (QApplication included).
    bool start();
    ~ConnectionClient();

    void connectAll(const sockaddr *target, socklen_t length, int count, int payloadBytes);
    void closeAll();
    // Non-blocking: true once the client has answered the last request.
    bool poll(Reply *reply);

private:
    pid_t m_pid = -1;
    int m_toClient = -1;
    int m_fromClient = -1;
};

} // namespace bench::peer
