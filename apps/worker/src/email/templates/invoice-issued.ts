import type { TemplateDefinition } from './template-source.js';

/** Sent with the invoice PDF attached once an invoice is issued. */
export const invoiceIssued: TemplateDefinition = {
  variables: ['agencyName', 'renterName', 'period', 'amount', 'dueDate', 'propertyAddress'],
  urlVariables: [],
  locales: {
    'pt-BR': {
      subject: 'Sua fatura de {{period}} – {{agencyName}}',
      html: `<p>Olá, {{renterName}}.</p>
<p>Sua fatura de {{period}} no valor de <strong>{{amount}}</strong> vence em {{dueDate}}.</p>
<p>Imóvel: {{propertyAddress}}</p>
<p>O detalhamento da cobrança está no PDF anexo. Se o pagamento já foi feito, desconsidere esta mensagem.</p>
<p>Atenciosamente,<br>{{agencyName}}</p>`,
      text: `Olá, {{renterName}}.

Sua fatura de {{period}} no valor de {{amount}} vence em {{dueDate}}.
Imóvel: {{propertyAddress}}

O detalhamento da cobrança está no PDF anexo.
Se o pagamento já foi feito, desconsidere esta mensagem.

Atenciosamente,
{{agencyName}}`,
    },
    en: {
      subject: 'Your {{period}} invoice – {{agencyName}}',
      html: `<p>Hello, {{renterName}}.</p>
<p>Your invoice for {{period}} of <strong>{{amount}}</strong> is due on {{dueDate}}.</p>
<p>Property: {{propertyAddress}}</p>
<p>The itemised invoice is attached as a PDF. If you have already paid, please disregard this message.</p>
<p>Kind regards,<br>{{agencyName}}</p>`,
      text: `Hello, {{renterName}}.

Your invoice for {{period}} of {{amount}} is due on {{dueDate}}.
Property: {{propertyAddress}}

The itemised invoice is attached as a PDF.
If you have already paid, please disregard this message.

Kind regards,
{{agencyName}}`,
    },
  },
};
