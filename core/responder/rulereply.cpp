#include "core/responder/rulereply.h"

#include <sys/socket.h>

#include <utility>

namespace core {

std::optional<RuleReply> ruleReply(RuleBook::Answer answer, const ReplyTarget &to, const SocketAddress &sender)
{
    RuleReply out;
    Call &reply = out.reply;
    reply.origin = CallOrigin::Rule;
    reply.source.rule = answer.rule + 1;
    reply.socketId = to.socketId;
    if (to.type == SOCK_STREAM) {
        reply.kind = CallKind::SendAll;
    } else if (to.connected || to.type == SOCK_SEQPACKET) {
        reply.kind = CallKind::Send;
    } else {
        if (!sender.isValid() || sender.isUnnamed())
            return std::nullopt;
        reply.kind = CallKind::SendTo;
        reply.address = sender;
    }
    reply.dataSize = answer.reply.size();
    reply.data = std::move(answer.reply);
    if (answer.after != AfterReply::Nothing) {
        Call &after = out.after.emplace();
        after.origin = CallOrigin::Rule;
        after.source = reply.source;
        after.socketId = to.socketId;
        after.kind = answer.after == AfterReply::Close ? CallKind::Close : CallKind::Shutdown;
        after.size = SHUT_WR;
    }
    out.delayMs = answer.delayMs;
    return out;
}

} // namespace core
