#include "core/recipes/examples.h"

#include "core/net/constants.h"
#include "core/net/socketaddress.h"
#include "core/recipes/callchain.h"
#include "core/workbench.h"

#include <memory>

namespace core {

CallChain *startEchoLab(Workbench &workbench)
{
    struct Lab
    {
        int listener = -1;
        int client = -1;
        int server = -1;
        SocketAddress address;
    };
    auto lab = std::make_shared<Lab>();
    auto *chain = new CallChain(workbench);
    chain->then([lab](Workbench &wb) {
             const auto s = wb.createSocket(sock::AfInet, sock::Stream);
             lab->listener = s.socketId;
             return s.call;
         })
        .then([lab](Workbench &wb) { return wb.bind(lab->listener, SocketAddress::ipv4(0x7f000001, 0)); })
        .then([lab](Workbench &wb) { return wb.listen(lab->listener, 2); })
        .then([lab](Workbench &wb) { return wb.sockName(lab->listener); })
        .then([lab, chain](Workbench &wb) {
            lab->address = chain->last().outcome.address;
            const auto s = wb.createSocket(sock::AfInet, sock::Stream);
            lab->client = s.socketId;
            return s.call;
        })
        // connect before accept: the kernel completes the handshake into the backlog
        .then([lab](Workbench &wb) { return wb.connect(lab->client, lab->address); })
        .then([lab](Workbench &wb) { return wb.accept(lab->listener); })
        .then([lab, chain](Workbench &wb) {
            lab->server = chain->last().outcome.socketId;
            return wb.sendAll(lab->client, QByteArrayLiteral("hello, server\n"));
        })
        .then([lab](Workbench &wb) { return wb.recv(lab->server, 1024); })
        .then([lab](Workbench &wb) { return wb.sendAll(lab->server, QByteArrayLiteral("HELLO, CLIENT\n")); })
        .then([lab](Workbench &wb) { return wb.recv(lab->client, 1024); })
        .then([lab](Workbench &wb) {
            for (int id : {lab->listener, lab->client, lab->server})
                wb.setWatch(id, true);
            return CallId(0);
        });
    chain->start();
    return chain;
}

} // namespace core
