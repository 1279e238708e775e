import { BUTTON_STYLE } from './layout.js';
import type { TemplateDefinition } from './template-source.js';

/** Sent when a user asks for a new password; the link expires. */
export const passwordReset: TemplateDefinition = {
  variables: ['agencyName', 'userName', 'resetUrl', 'expiresInMinutes'],
  urlVariables: ['resetUrl'],
  locales: {
    'pt-BR': {
      subject: 'Redefinição de senha – {{agencyName}}',
      html: `<p>Olá, {{userName}}.</p>
<p>Recebemos um pedido para redefinir a senha da sua conta em {{agencyName}}.</p>
<p>Para criar uma nova senha, use o botão abaixo. O link expira em {{expiresInMinutes}} minutos.</p>
<p><a href="{{resetUrl}}" style="${BUTTON_STYLE}">Redefinir senha</a></p>
<p>Se não foi você quem pediu, ignore este e-mail: sua senha continua a mesma.</p>`,
      text: `Olá, {{userName}}.

Recebemos um pedido para redefinir a senha da sua conta em {{agencyName}}.
Para criar uma nova senha, acesse o link abaixo.
Ele expira em {{expiresInMinutes}} minutos.

{{resetUrl}}

Se não foi você quem pediu, ignore este e-mail: sua senha continua a mesma.`,
    },
    en: {
      subject: 'Password reset – {{agencyName}}',
      html: `<p>Hello, {{userName}}.</p>
<p>We received a request to reset the password of your {{agencyName}} account.</p>
<p>To choose a new password, use the button below. The link expires in {{expiresInMinutes}} minutes.</p>
<p><a href="{{resetUrl}}" style="${BUTTON_STYLE}">Reset password</a></p>
<p>If you did not ask for this, ignore this email: your password stays the same.</p>`,
      text: `Hello, {{userName}}.

We received a request to reset the password of your {{agencyName}} account.
To choose a new password, open the link below.
It expires in {{expiresInMinutes}} minutes.

{{resetUrl}}

If you did not ask for this, ignore this email: your password stays the same.`,
    },
  },
};
