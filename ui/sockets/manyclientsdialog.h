#pragma once

#include "core/recipes/clientgroup.h"
#include "core/session/payloadlibrary.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ui {

class FieldMessage;

// Asks for "Connect N clients": the clients' kind (TCP, TCP6, UDP, UDP6, UNIX stream, UNIX
// datagram), the address they connect to, how many (1 to 10,000) and what each sends once
// connected: nothing, text with escapes, hex, or a saved payload. What cannot be used is
// explained at its field, and Connect stays disabled until everything can.
class ManyClientsDialog final : public QDialog
{
    Q_OBJECT
public:
    enum PayloadChoice { NoPayload, TextPayload, HexPayload, SavedPayload };

    explicit ManyClientsDialog(const QList<core::SavedPayload> &saved, QWidget *parent = nullptr);

    // Picks the kind from the text as the quick address does: [v6]:port, /path or @name, else IPv4.
    void setAddressText(const QString &text);
    // The clients asked for; meaningful while Connect is enabled.
    core::ClientGroupSpec spec() const;

    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *addressField() const { return m_address; }
    FieldMessage *addressMessage() const { return m_addressMessage; }
    QSpinBox *countBox() const { return m_count; }
    QComboBox *payloadBox() const { return m_payloadChoice; }
    QLineEdit *payloadField() const { return m_payloadText; }
    QComboBox *savedBox() const { return m_saved; }
    FieldMessage *payloadMessage() const { return m_payloadMessage; }
    QPushButton *connectButton() const { return m_connect; }

private:
    void checkAddress();
    void checkPayload();
    void updateButton();

    QList<core::SavedPayload> m_savedPayloads;
    QComboBox *m_kind;
    QLineEdit *m_address;
    FieldMessage *m_addressMessage;
    QSpinBox *m_count;
    QComboBox *m_payloadChoice;
    QLineEdit *m_payloadText;
    QComboBox *m_saved;
    FieldMessage *m_payloadMessage;
    QLabel *m_preview;
    QPushButton *m_connect = nullptr;
    std::optional<core::TypedAddress> m_target;
    std::optional<QByteArray> m_payload;
};

} // namespace ui
