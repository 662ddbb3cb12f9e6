#pragma once

#include <QWidget>

namespace ui {

// What the traffic area shows on a first start with nothing open: where to begin (a new socket,
// a TCP server, a TCP client, the lab, the guide) instead of an empty grid.
class WelcomePage final : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

signals:
    void newSocket();
    void tcpServer();
    void tcpClient();
    void lab();
    void guide();
};

} // namespace ui
