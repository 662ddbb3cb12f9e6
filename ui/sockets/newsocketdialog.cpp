#include "ui/sockets/newsocketdialog.h"

#include "core/net/constants.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace ui {

NewSocketDialog::NewSocketDialog(QWidget *parent)
    : QDialog(parent)
    , m_family(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_proto(new QSpinBox(this))
    , m_pair(new QCheckBox(tr("socketpair() — two connected ends (AF_UNIX)"), this))
{
    setWindowTitle(tr("New socket"));
    for (const auto &f : core::addressFamilies())
        m_family->addItem(QString::fromLatin1(f.name), f.value);
    for (const auto &t : core::socketTypes())
        m_type->addItem(QString::fromLatin1(t.name), t.value);
    m_proto->setRange(0, 255);
    m_proto->setToolTip(tr("Protocol number: 0 picks the default (6 TCP, 17 UDP); SOCK_RAW needs one, e.g. 1 for ICMP"));
    m_family->setAccessibleName(tr("Family"));
    m_type->setAccessibleName(tr("Type"));
    m_proto->setAccessibleName(tr("Protocol"));
    m_pair->setAccessibleName(tr("socketpair"));
    m_pair->setToolTip(QStringLiteral("socket.socketpair(family, type, proto)"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Family"), m_family);
    form->addRow(tr("&Type"), m_type);
    form->addRow(tr("&Protocol"), m_proto);
    form->addRow(m_pair);
    auto *hint = new QLabel(tr("Every combination is allowed: where the kernel refuses, you see its errno."), this);
    hint->setWordWrap(true);
    form->addRow(hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_pair, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_family->setCurrentIndex(m_family->findData(core::sock::AfUnix));
    });
}

int NewSocketDialog::family() const { return m_family->currentData().toInt(); }
int NewSocketDialog::type() const { return m_type->currentData().toInt(); }
int NewSocketDialog::proto() const { return m_proto->value(); }
bool NewSocketDialog::pair() const { return m_pair->isChecked(); }

} // namespace ui
