#pragma once

#include "core/session/payloadlibrary.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace ui {

class FieldMessage;

// Makes or edits one saved payload: its name, its form (Text with escapes, Hex, or a File), the
// content in that form and a note. What is wrong is said under its field as it is typed (a name
// already used in the same list, a bad escape or hex digit, no such file), and OK keeps the
// dialog open until the payload is whole: nothing invalid is ever handed back. Switching between
// Text and Hex rewrites the same bytes the other way, as the composer does.
class PayloadDialog final : public QDialog
{
    Q_OBJECT
public:
    // takenNames: the names of the other payloads of the list it goes in.
    PayloadDialog(const core::SavedPayload &payload, const QStringList &takenNames, QWidget *parent = nullptr);

    core::SavedPayload payload() const;

    QLineEdit *nameField() const { return m_name; }
    QComboBox *formBox() const { return m_form; }
    QPlainTextEdit *contentEditor() const { return m_content; }
    QLineEdit *fileField() const { return m_file; }
    QLineEdit *noteField() const { return m_note; }
    FieldMessage *nameMessage() const { return m_nameMessage; }
    FieldMessage *contentMessage() const { return m_contentMessage; }
    QLabel *preview() const { return m_preview; }

    void accept() override; // only when valid; the file of a File payload is read then

private:
    bool check(); // updates the messages and the preview; true when the payload can be saved
    void changeForm(int index);

    QStringList m_taken;
    core::ByteForm m_shownForm = core::ByteForm::Text;
    QLineEdit *m_name;
    QComboBox *m_form;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_content;
    QLineEdit *m_file;
    QLineEdit *m_note;
    FieldMessage *m_nameMessage;
    FieldMessage *m_contentMessage;
    QLabel *m_preview;
};

} // namespace ui
