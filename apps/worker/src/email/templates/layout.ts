/**
 * The frame every message shares: the agency's name on top, the rendered body, and a footer
 * saying the message was sent automatically. `body` is already escaped HTML.
 */
import type { EmailLocale } from '../types.js';

/** Inline style of a call-to-action link; mail clients ignore most stylesheets. */
export const BUTTON_STYLE =
  'display:inline-block;padding:10px 20px;background:#0b6e4f;color:#ffffff;' +
  'text-decoration:none;border-radius:4px;';

const FOOTER: Readonly<Record<EmailLocale, string>> = {
  'pt-BR': 'Mensagem automática enviada por {{agencyName}}. Por favor, não responda a este e-mail.',
  en: 'Automatic message sent by {{agencyName}}. Please do not reply to this email.',
};

function htmlLayout(lang: EmailLocale): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;">
<tr><td style="padding:20px 32px;border-bottom:3px solid #0b6e4f;font-size:20px;font-weight:bold;color:#0b6e4f;">{{agencyName}}</td></tr>
<tr><td style="padding:24px 32px;font-size:15px;line-height:1.5;">
{{{body}}}
</td></tr>
<tr><td style="padding:16px 32px;font-size:12px;color:#6b7785;border-top:1px solid #e4e7eb;">${FOOTER[lang]}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function textLayout(lang: EmailLocale): string {
  return `{{body}}

--
{{agencyName}}
${FOOTER[lang]}
`;
}

export const LAYOUT: Readonly<Record<EmailLocale, { html: string; text: string }>> = {
  'pt-BR': { html: htmlLayout('pt-BR'), text: textLayout('pt-BR') },
  en: { html: htmlLayout('en'), text: textLayout('en') },
};
