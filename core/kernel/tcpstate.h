#pragma once

#include <QString>

namespace core {

// A TCP connection's state as the kernel keeps it (TCP_INFO's tcpi_state, sock_diag's
// idiag_state): the values are Linux's (include/net/tcp_states.h), so a probe stores what it read.
enum class TcpState : quint8 {
    Unknown = 0, // not a TCP socket, not open, or not read yet
    Established = 1,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    NewSynRecv,
};

// The kernel's name of a state, as ss(8) and netstat print it: ESTABLISHED, TIME_WAIT, ...
// (empty for Unknown).
QString tcpStateName(TcpState state);

} // namespace core
