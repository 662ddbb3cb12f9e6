#include "core/kernel/tcpstate.h"

namespace core {

QString tcpStateName(TcpState state)
{
    static const char *const names[] = {"",          "ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1",
                                        "FIN_WAIT2", "TIME_WAIT",   "CLOSE",      "CLOSE_WAIT", "LAST_ACK",
                                        "LISTEN",    "CLOSING",     "NEW_SYN_RECV"};
    const auto index = static_cast<std::size_t>(state);
    if (index < std::size(names))
        return QString::fromLatin1(names[index]);
    return QString::number(index);
}

} // namespace core
