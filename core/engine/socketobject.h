#pragma once

#include "core/engine/callqueue.h"
#include "core/engine/streamlayer.h"
#include "core/responder/responder.h"
#include "core/store/socketregistry.h"
#include "core/store/trafficstore.h"

namespace core {

class IoThread;

// One socket as its I/O thread sees it: the descriptor (always O_NONBLOCK), the user's mode
// (blocking / non-blocking / timeout) emulated as CPython does, the queue of calls in its lanes
// (op.h: reads, writes and control calls proceed independently, each lane in order), the stream
// layer its bytes go through (streamlayer.h), and watch mode (continuous receive, or continuous
// accept on a listener). Lives on and is only touched by its IoThread.
class SocketObject final
{
public:
    SocketObject(IoThread &thread, SocketInfo info, int fd);
    ~SocketObject();
    SocketObject(const SocketObject &) = delete;
    SocketObject &operator=(const SocketObject &) = delete;

    int id() const { return m_info.id; }
    int fd() const { return m_fd; }
    const SocketInfo &info() const { return m_info; }
    quint32 registeredEvents() const { return m_registered; }
    void setRegisteredEvents(quint32 events) { m_registered = events; }

    void enqueue(Op op);
    bool cancel(CallId call, const QString &why);
    // The name of a queued call's address was resolved (failed: the socket.gaierror to report).
    void addressResolved(CallId call, const SocketAddress &address, const Outcome &failed);
    void setWatch(bool on);
    // Responder rules (socketresponder.cpp). own: set on this socket; otherwise inherited from the
    // listener that accepted it, and replaced only while the socket has none of its own.
    void setRules(std::shared_ptr<const RuleBook> book, bool own);
    void startSchedule(std::shared_ptr<ScheduleState> state);
    void stopSchedule(ScheduleState &state, const QString &why);
    void refreshLive();
    // Closes the descriptor and removes the UNIX socket file this socket created, if it is still
    // that very file (SocketFile). Returns the path removed, or an empty string; *closeError:
    // close(2)'s errno (EBADF when the program closed the descriptor behind the engine's back).
    QString closeDescriptor(int *closeError = nullptr);

    void onEvents(quint32 events);
    void onDeadline(qint64 nowNs);

private:
    using Step = core::Step;

    // Tries every queued call whose lane is free, in the order they came (CallQueue::pump).
    void pump();
    Step attempt(Op &op);
    void finish(Op &op, Outcome outcome);
    void told(Op &op, CallStatus status);
    void cancelQueued(const QString &why);
    void updateInterest();
    void changed();
    void countsChanged(); // only m_info's counters moved (IoThread::markCounted)
    bool effectiveNonBlocking(const Op &op) const;
    static qint64 deadlineAfter(double seconds);
    void noteReadEof();
    Step wouldBlock(Op &op, Step wait, int error);
    void recordError(Direction direction, int error);
    void recordSent(QByteArrayView bytes, const SocketAddress &peer);
    // A receive's record: truncated (the datagram, or MSG_TRUNC on a stream), end of file, MSG_PEEK
    // and MSG_OOB said in its flags; length is what the call returned. A peek counts no bytes.
    void recordReceived(QByteArrayView bytes, const SocketAddress &peer, qint64 length, bool truncated, bool eof, int callFlags);
    void setState(SocketState state);
    void readLocalAddress();
    bool isStreamLike() const;
    bool watchReads() const;
    void stopWatchReads(const Call &call, int error, const QString &note);
    bool readSideShut() const;

    // The calls (socketcalls.cpp).
    Step doBind(Op &op);
    Step doListen(Op &op);
    Step doAccept(Op &op);
    Step doConnect(Op &op);
    Step doSend(Op &op);
    Step doSendAll(Op &op);
    Step doRecv(Op &op);
    Step sent(Op &op, const LayerMove &move, bool to, QString note);
    Step doSendMsg(Op &op); // socketmessages.cpp
    Step doSendFile(Op &op);
    Step doRecvMsg(Op &op);
    Step doShutdown(Op &op);
    Step doClose(Op &op);
    Step doMode(Op &op);
    Step doGetTimeout(Op &op);
    Step doSetOption(Op &op);
    Step doGetOption(Op &op);
    Step doName(Op &op);
    Step doFileno(Op &op);
    Step doDup(Op &op);

    // Responder rules and schedules (socketresponder.cpp).
    // A call the engine makes on its own (a rule's reply, a schedule's send): journaled, queued.
    void submitOwn(Call call, std::function<void(CallStatus)> done = {});
    // A received record: the first matching rule answers it.
    void respond(QByteArrayView record, const SocketAddress &peer);
    void sendScheduled(const std::shared_ptr<ScheduleState> &state);
    void scheduleTick(const std::shared_ptr<ScheduleState> &state);
    void scheduleSent(const std::shared_ptr<ScheduleState> &state, CallStatus status);
    void stopSchedules(const QString &why);

    // Watch mode (socketwatch.cpp).
    void watchRead();
    void watchStream();
    void watchDatagrams();
    void autoAccept();
    // accept4() and the new socket's adoption: the one path of accept() and of auto-accept.
    // newId < 0: the next free id, taken only once a connection is accepted. nullptr and *error
    // (errno) when accept4 failed.
    SocketObject *acceptPending(int newId, int *error);
    static Outcome acceptedOutcome(const SocketObject &child, const QString &note);
    SocketObject *adoptAccepted(int fd, const SocketAddress &peer, int newId);

    IoThread &m_thread;
    SocketInfo m_info;
    int m_fd = -1;
    // Moves the bytes of send, sendall, sendto, recv, recvfrom and watched streams (streamlayer.h).
    std::unique_ptr<StreamLayer> m_layer = std::make_unique<PlainLayer>();
    quint32 m_registered = 0;
    CallQueue m_calls;
    bool m_readClosed = false;   // EOF or a fatal error seen by watch reads
    bool m_emfileReported = false;
    bool m_readHangup = false;        // epoll said EPOLLRDHUP: the read side is shut down
    qint64 m_acceptBackoffNs = 0;     // watch accept paused until this time (EMFILE)
    Backoff m_acceptBackoff{100'000'000, 1'600'000'000}; // 100 ms doubling to 1.6 s
    SocketFile m_socketFile;
    std::shared_ptr<const RuleBook> m_rules;
    bool m_ownRules = false;
    std::vector<std::shared_ptr<ScheduleState>> m_schedules;
};

} // namespace core
