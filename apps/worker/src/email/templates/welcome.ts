import { BUTTON_STYLE } from './layout.js';
import type { TemplateDefinition } from './template-source.js';

/** Sent once an account is active. */
export const welcome: TemplateDefinition = {
  variables: ['agencyName', 'userName', 'loginUrl'],
  urlVariables: ['loginUrl'],
  locales: {
    'pt-BR': {
      subject: 'Boas-vindas – {{agencyName}}',
      html: `<p>Olá, {{userName}}!</p>
<p>Sua conta em {{agencyName}} está pronta. No portal você acompanha contratos, faturas e solicitações de manutenção.</p>
<p><a href="{{loginUrl}}" style="${BUTTON_STYLE}">Acessar o portal</a></p>
<p>Conte conosco,<br>{{agencyName}}</p>`,
      text: `Olá, {{userName}}!

Sua conta em {{agencyName}} está pronta. No portal você acompanha
contratos, faturas e solicitações de manutenção.

Acesse: {{loginUrl}}

Conte conosco,
{{agencyName}}`,
    },
    en: {
      subject: 'Welcome – {{agencyName}}',
      html: `<p>Hello, {{userName}}!</p>
<p>Your {{agencyName}} account is ready. In the portal you can follow your leases, invoices and maintenance requests.</p>
<p><a href="{{loginUrl}}" style="${BUTTON_STYLE}">Open the portal</a></p>
<p>Best regards,<br>{{agencyName}}</p>`,
      text: `Hello, {{userName}}!

Your {{agencyName}} account is ready. In the portal you can follow
your leases, invoices and maintenance requests.

Sign in: {{loginUrl}}

Best regards,
{{agencyName}}`,
    },
  },
};
