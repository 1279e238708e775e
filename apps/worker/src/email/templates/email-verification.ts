import { BUTTON_STYLE } from './layout.js';
import type { TemplateDefinition } from './template-source.js';

/** Sent after sign-up to confirm the address belongs to the user. */
export const emailVerification: TemplateDefinition = {
  variables: ['agencyName', 'userName', 'verificationUrl'],
  urlVariables: ['verificationUrl'],
  locales: {
    'pt-BR': {
      subject: 'Confirme seu e-mail – {{agencyName}}',
      html: `<p>Olá, {{userName}}.</p>
<p>Para concluir seu cadastro em {{agencyName}}, confirme seu endereço de e-mail.</p>
<p><a href="{{verificationUrl}}" style="${BUTTON_STYLE}">Confirmar e-mail</a></p>
<p>Se você não criou uma conta, ignore esta mensagem.</p>`,
      text: `Olá, {{userName}}.

Para concluir seu cadastro em {{agencyName}}, confirme seu endereço
de e-mail pelo link abaixo:

{{verificationUrl}}

Se você não criou uma conta, ignore esta mensagem.`,
    },
    en: {
      subject: 'Confirm your email – {{agencyName}}',
      html: `<p>Hello, {{userName}}.</p>
<p>To finish signing up with {{agencyName}}, please confirm your email address.</p>
<p><a href="{{verificationUrl}}" style="${BUTTON_STYLE}">Confirm email</a></p>
<p>If you did not create an account, ignore this message.</p>`,
      text: `Hello, {{userName}}.

To finish signing up with {{agencyName}}, please confirm your email
address with the link below:

{{verificationUrl}}

If you did not create an account, ignore this message.`,
    },
  },
};
