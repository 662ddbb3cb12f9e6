#pragma once

#include "core/calls/call.h"
#include "core/responder/responder.h"

#include <optional>

namespace core {

// The socket a rule's answer goes back on, as far as the reply's shape depends on it.
struct ReplyTarget
{
    int socketId = -1;
    int type = 0;           // SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW
    bool connected = false; // has a peer: a datagram socket answers with send(), not sendto()
};

// The calls a rule's answer makes, as a program would write them: sendall() on a stream (it goes
// through the socket's stream layer: over TLS, as plaintext), send() on a SEQPACKET or connected
// datagram socket, sendto() the sender otherwise; then the shutdown(SHUT_WR) or close() the rule
// asks for, and the delay before both.
struct RuleReply
{
    Call reply;
    std::optional<Call> after;
    int delayMs = 0;
};

// nullopt when the reply has nowhere to go: an unconnected datagram socket whose sender has no
// name (an unbound UNIX socket). The caller counts that (RuleBook::countUnanswerable).
std::optional<RuleReply> ruleReply(RuleBook::Answer answer, const ReplyTarget &to, const SocketAddress &sender);

} // namespace core
