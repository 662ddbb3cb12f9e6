#include "ui/guide/welcomepage.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto *title = new QLabel(tr("<h2>Where to begin</h2>"), this);
    auto *intro = new QLabel(tr("Every action here is a call of Python's <code>socket</code> module, made for real on "
                                "this machine; the journal below writes each one as Python, with what it returned or "
                                "raised. The traffic of every socket will show here."),
                             this);
    intro->setWordWrap(true);

    struct Entry
    {
        QString label;
        QString text;
        void (WelcomePage::*signal)();
    };
    const QList<Entry> entries{
        {tr("Loopback echo lab"), tr("A listener and a client on 127.0.0.1, connected, a few messages exchanged; "
                                     "the Lab notes explain each call."), &WelcomePage::lab},
        {tr("TCP server"), tr("Listen on the Quick address (Sockets panel) and accept every connection; then "
                              "answer from the Composer."), &WelcomePage::tcpServer},
        {tr("TCP client"), tr("Connect to the Quick address and record all that arrives."), &WelcomePage::tcpClient},
        {tr("New socket…"), tr("Any family and type (TCP, UDP, UNIX, RAW, SEQPACKET…), then each call by hand in the "
                               "Socket panel."), &WelcomePage::newSocket},
        {tr("Guide"), tr("The panels, three stories step by step, and the keyboard shortcuts (F1)."), &WelcomePage::guide},
    };
    auto *grid = new QGridLayout;
    grid->addWidget(title, 0, 0, 1, 2, Qt::AlignHCenter);
    grid->addWidget(intro, 1, 0, 1, 2);
    grid->setRowMinimumHeight(2, 8);
    int row = 3;
    for (const Entry &entry : entries) {
        auto *button = new QPushButton(entry.label, this);
        button->setAccessibleName(entry.label);
        button->setToolTip(entry.text);
        button->setMinimumWidth(170);
        connect(button, &QPushButton::clicked, this, entry.signal);
        auto *text = new QLabel(entry.text, this);
        text->setWordWrap(true);
        text->setMaximumWidth(440);
        grid->addWidget(button, row, 0, Qt::AlignTop);
        grid->addWidget(text, row, 1);
        ++row;
    }

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    auto *center = new QHBoxLayout;
    center->addStretch(1);
    center->addLayout(grid);
    center->addStretch(1);
    layout->addLayout(center);
    layout->addStretch(2);
}

} // namespace ui
