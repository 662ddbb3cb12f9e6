#include "ui/payloads/payloaddialog.h"

#include "core/text/payload.h"
#include "ui/widgets/fieldmessage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>

namespace ui {

namespace {
constexpr qsizetype kPreviewBytes = 512;
}

PayloadDialog::PayloadDialog(const core::SavedPayload &payload, const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_taken(takenNames)
    , m_shownForm(payload.form)
    , m_name(new QLineEdit(payload.name, this))
    , m_form(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_content(new QPlainTextEdit(this))
    , m_file(new QLineEdit(this))
    , m_note(new QLineEdit(payload.note, this))
    , m_nameMessage(new FieldMessage(this))
    , m_contentMessage(new FieldMessage(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(payload.name.isEmpty() ? tr("New payload") : tr("Edit payload"));
    m_name->setAccessibleName(tr("Payload name"));
    m_name->setToolTip(tr("What the payload is called in the list; unique in its list"));
    m_form->addItem(tr("Text"), int(core::ByteForm::Text));
    m_form->addItem(tr("Hex"), int(core::ByteForm::Hex));
    m_form->addItem(tr("File"), int(core::ByteForm::File));
    m_form->setCurrentIndex(int(payload.form));
    m_form->setAccessibleName(tr("Payload form"));
    m_form->setToolTip(tr("Text: UTF-8 with \\r \\n \\t \\0 \\\\ \\xNN escapes · Hex: 48 65 6c, 0x48, 48:65 · File: its "
                          "bytes when sent"));
    m_content->setAccessibleName(tr("Payload content"));
    m_content->setTabChangesFocus(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_content->setFont(mono);
    auto *filePage = new QWidget(this);
    auto *fileRow = new QHBoxLayout(filePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    m_file->setAccessibleName(tr("Payload file"));
    m_file->setToolTip(tr("The file whose bytes are sent (read when sent, not now)"));
    auto *browse = new QPushButton(tr("Browse…"), filePage);
    browse->setAccessibleName(tr("Browse"));
    browse->setToolTip(tr("Choose the file"));
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Payload file"), m_file->text(), {}, nullptr,
                                                          QFileDialog::DontUseNativeDialog);
        if (!path.isEmpty())
            m_file->setText(path);
    });
    m_stack->addWidget(m_content);
    m_stack->addWidget(filePage);
    if (payload.form == core::ByteForm::File)
        m_file->setText(payload.content);
    else
        m_content->setPlainText(payload.content);
    m_stack->setCurrentIndex(payload.form == core::ByteForm::File ? 1 : 0);
    m_note->setAccessibleName(tr("Payload note"));
    m_note->setToolTip(tr("What the payload is for; searched like the name"));
    m_preview->setAccessibleName(tr("Payload bytes"));
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_nameMessage->setAccessibleName(tr("Payload name message"));
    m_contentMessage->setAccessibleName(tr("Payload content message"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &PayloadDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name"), m_name);
    form->addRow(QString(), m_nameMessage);
    form->addRow(tr("&Form"), m_form);
    form->addRow(tr("&Content"), m_stack);
    form->addRow(QString(), m_contentMessage);
    form->addRow(QString(), m_preview);
    form->addRow(tr("N&ote"), m_note);
    form->addRow(buttons);
    resize(480, sizeHint().height());

    connect(m_name, &QLineEdit::textChanged, this, &PayloadDialog::check);
    connect(m_content, &QPlainTextEdit::textChanged, this, &PayloadDialog::check);
    connect(m_file, &QLineEdit::textChanged, this, &PayloadDialog::check);
    connect(m_form, &QComboBox::currentIndexChanged, this, &PayloadDialog::changeForm);
    check();
}

core::SavedPayload PayloadDialog::payload() const
{
    const auto form = core::ByteForm(m_form->currentIndex());
    return core::SavedPayload{m_name->text().trimmed(), form,
                              form == core::ByteForm::File ? m_file->text().trimmed() : m_content->toPlainText(),
                              m_note->text()};
}

// Text and Hex are two ways to write the same bytes: switching rewrites the content. Content that
// does not decode stays in its form, and the message says why.
void PayloadDialog::changeForm(int index)
{
    const auto to = core::ByteForm(index);
    const bool rewrite = m_shownForm != core::ByteForm::File && to != core::ByteForm::File && to != m_shownForm;
    if (rewrite && !m_content->toPlainText().isEmpty()) {
        const QString typed = m_content->toPlainText();
        const auto bytes = m_shownForm == core::ByteForm::Text ? core::decodeEscapes(typed) : core::decodeHex(typed);
        if (!bytes) {
            const QSignalBlocker quiet(m_form);
            m_form->setCurrentIndex(int(m_shownForm));
            check();
            m_contentMessage->setMessage(tr("Still %1: fix this first, then switch (the bytes would change): %2")
                                             .arg(m_form->currentText(), bytes.error().message));
            return;
        }
        const QSignalBlocker quiet(m_content);
        m_content->setPlainText(to == core::ByteForm::Hex ? core::spacedHex(*bytes) : core::editableText(*bytes));
    }
    m_shownForm = to;
    m_stack->setCurrentIndex(to == core::ByteForm::File ? 1 : 0);
    check();
}

bool PayloadDialog::check()
{
    const core::SavedPayload p = payload();
    QString nameProblem;
    if (p.name.isEmpty())
        nameProblem = tr("Give the payload a name");
    else if (m_taken.contains(p.name))
        nameProblem = tr("\"%1\" is already in this list: choose another name").arg(p.name);
    m_nameMessage->setMessage(nameProblem);

    QString contentProblem;
    QString preview;
    if (p.form == core::ByteForm::File) {
        const QFileInfo info(p.content);
        if (p.content.isEmpty())
            contentProblem = tr("Choose a file");
        else if (!info.exists())
            contentProblem = tr("No file at %1").arg(p.content);
        else if (!info.isFile())
            contentProblem = tr("%1 is not a regular file").arg(p.content);
        else if (info.size() > core::kMaxPayloadFileBytes)
            contentProblem = tr("%1 is larger than %2 MiB, the limit for a payload file").arg(p.content).arg(core::kMaxPayloadFileBytes >> 20);
        else
            preview = tr("%n byte(s) from %1 now", nullptr, int(std::min<qint64>(info.size(), INT_MAX))).arg(info.fileName());
    } else {
        const auto bytes = p.form == core::ByteForm::Text ? core::decodeEscapes(p.content) : core::decodeHex(p.content);
        if (!bytes) {
            contentProblem = bytes.error().message;
        } else {
            const QByteArrayView shown = QByteArrayView(*bytes).first(std::min(bytes->size(), kPreviewBytes));
            preview = tr("%n byte(s): ", nullptr, int(bytes->size())) + core::pythonBytesLiteral(shown)
                + (bytes->size() > kPreviewBytes ? QStringLiteral("…") : QString());
        }
    }
    m_contentMessage->setMessage(contentProblem);
    m_preview->setText(preview);
    return nameProblem.isEmpty() && contentProblem.isEmpty();
}

void PayloadDialog::accept()
{
    if (!check()) {
        QWidget *field = m_form->currentIndex() == int(core::ByteForm::File) ? static_cast<QWidget *>(m_file) : m_content;
        (m_nameMessage->hasMessage() ? m_name : field)->setFocus();
        return;
    }
    if (m_form->currentIndex() == int(core::ByteForm::File)) {
        // The file is read when sent; reading it now refuses a FIFO, a device or one too large.
        const auto bytes = core::payloadBytes(payload());
        if (!bytes) {
            m_contentMessage->setMessage(bytes.error().message);
            m_file->setFocus();
            return;
        }
    }
    QDialog::accept();
}

} // namespace ui
