#pragma once

#include "core/net/constants.h"
#include "core/store/journal.h"

#include <QWidget>

#include <span>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace core {
class CallWatcher;
class Workbench;
}

namespace ui {

// The name lookup panel (the main window docks it): the socket module's resolver functions (gethostname, gethostbyname,
// gethostbyname_ex, getaddrinfo, gethostbyaddr, getnameinfo) with their arguments as fields.
// Each button starts a lookup in the Workbench and returns at once; the outcome of the latest
// lookup is shown when the journal reports it finished, so a hung resolver freezes nothing.
// The addresses found can be handed on to other panels with addressChosen().
class LookupPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit LookupPanel(core::Workbench &workbench, QWidget *parent = nullptr);

signals:
    // Text as SocketAddress::toText() writes it (127.0.0.1:80, [::1]:80) and its family.
    void addressChosen(const QString &addressText, int family);

private:
    QWidget *buildFields();
    QWidget *buildButtons();
    QWidget *buildResult();
    QList<QCheckBox *> addFlags(QWidget *box, std::span<const core::NamedValue> flags, const QString &function);
    QPushButton *addButton(QWidget *parent, const QString &label, void (LookupPanel::*slot)());

    int selectedFamily() const;
    int selectedType() const;
    int flagsOf(const QList<QCheckBox *> &boxes) const;
    core::Result<core::SocketAddress> nameInfoAddress() const;
    void updateToolTips();

    void runGethostname();
    void runGethostbyname();
    void runGethostbynameEx();
    void runGetaddrinfo();
    void runGethostbyaddr();
    void runGetnameinfo();
    void started(core::CallId id);
    void showOutcome(const core::CallRecord &record);
    void showError(const QString &text);
    void cancelLookup();
    void chooseRow(int row);
    void chooseCurrent();
    QString addressText(const core::SocketAddress &address) const;

    core::Workbench &m_workbench;
    core::CallWatcher *m_watcher;
    core::CallId m_latest = 0; // the lookup being waited for, whose outcome the panel will show; 0 when none
    QLineEdit *m_host = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_port = nullptr;
    QComboBox *m_family = nullptr;
    QComboBox *m_type = nullptr;
    QList<QCheckBox *> m_aiFlags;
    QList<QCheckBox *> m_niFlags;
    QPushButton *m_gethostname = nullptr;
    QPushButton *m_gethostbyname = nullptr;
    QPushButton *m_gethostbynameEx = nullptr;
    QPushButton *m_getaddrinfo = nullptr;
    QPushButton *m_gethostbyaddr = nullptr;
    QPushButton *m_getnameinfo = nullptr;
    QLabel *m_call = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_duration = nullptr;
    QTableWidget *m_entries = nullptr;
    QPushButton *m_use = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace ui
