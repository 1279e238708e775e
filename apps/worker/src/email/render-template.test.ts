import { describe, expect, it } from 'vitest';
import { EmailError } from './errors.js';
import { renderEmail, templateVariables } from './render-template.js';
import type { EmailLocale, EmailTemplateName, TemplateVariables } from './types.js';

const TEMPLATES: EmailTemplateName[] = [
  'invoice-issued',
  'password-reset',
  'email-verification',
  'welcome',
];
const LOCALES: EmailLocale[] = ['pt-BR', 'en'];

// Invented values for every variable any template reads.
const VALUES: TemplateVariables = {
  agencyName: 'Imobiliária Horizonte',
  renterName: 'Conceição Araújo',
  userName: 'João Müller',
  period: 'maio/2025',
  amount: 'R$ 1.850,00',
  dueDate: '10/05/2025',
  propertyAddress: 'Rua das Acácias, 120, apto 32 – São Paulo',
  resetUrl: 'https://app.example.test/reset?token=abc&lang=pt',
  verificationUrl: 'https://app.example.test/verify?token=def',
  loginUrl: 'https://app.example.test/login',
  expiresInMinutes: 30,
};

function variablesOf(template: EmailTemplateName): TemplateVariables {
  return Object.fromEntries(templateVariables(template).map((name) => [name, VALUES[name] ?? '']));
}

function renderError(run: () => unknown): EmailError {
  try {
    run();
  } catch (err) {
    if (err instanceof EmailError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected the render to fail');
}

describe('renderEmail', () => {
  for (const template of TEMPLATES) {
    for (const locale of LOCALES) {
      it(`renders ${template} in ${locale} from exactly its declared variables`, () => {
        const email = renderEmail({ template, locale, variables: variablesOf(template) });

        expect(email.subject).toContain('Imobiliária Horizonte');
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(email.html).toContain(`<html lang="${locale}">`);
        expect(email.html).toContain('Imobiliária Horizonte');
        expect(email.text).toContain('Imobiliária Horizonte');
        expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#x3D|#x27);/);
      });

      it(`names each missing variable of ${template} in ${locale}`, () => {
        for (const missing of templateVariables(template)) {
          const variables = variablesOf(template);
          delete variables[missing];

          const err = renderError(() => renderEmail({ template, locale, variables }));
          expect(err.code).toBe('EMAIL_ERR_TEMPLATE_VARIABLE');
          expect(err.retryable).toBe(false);
          expect(err.message).toContain(`"${missing}"`);
        }
      });
    }
  }

  it('writes Portuguese copy with its accents', () => {
    const email = renderEmail({
      template: 'invoice-issued',
      locale: 'pt-BR',
      variables: variablesOf('invoice-issued'),
    });

    expect(email.subject).toBe('Sua fatura de maio/2025 – Imobiliária Horizonte');
    expect(email.text).toContain('Olá, Conceição Araújo.');
    expect(email.text).toContain(
      'Sua fatura de maio/2025 no valor de R$ 1.850,00 vence em 10/05/2025.',
    );
    expect(email.html).toContain('Olá, Conceição Araújo.');
  });

  it('escapes values in HTML and keeps them literal in the text and subject', () => {
    const variables = {
      ...variablesOf('invoice-issued'),
      renterName: '<script>alert("x")</script>',
      period: 'maio & junho',
    };
    const email = renderEmail({ template: 'invoice-issued', locale: 'en', variables });

    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('Hello, <script>alert("x")</script>.');
    expect(email.subject).toBe('Your maio & junho invoice – Imobiliária Horizonte');
  });

  it('escapes link values inside the href attribute', () => {
    const email = renderEmail({
      template: 'password-reset',
      locale: 'en',
      variables: variablesOf('password-reset'),
    });

    expect(email.html).toContain(
      'href="https://app.example.test/reset?token&#x3D;abc&amp;lang&#x3D;pt"',
    );
    expect(email.text).toContain('https://app.example.test/reset?token=abc&lang=pt');
  });

  it('refuses a link that is not http(s)', () => {
    const variables = { ...variablesOf('welcome'), loginUrl: 'javascript:alert(1)' };
    const err = renderError(() => renderEmail({ template: 'welcome', locale: 'en', variables }));

    expect(err.code).toBe('EMAIL_ERR_TEMPLATE_VARIABLE');
    expect(err.message).toContain('"loginUrl"');
    expect(err.message).not.toContain('javascript');
  });

  it('turns line breaks of a subject value into spaces', () => {
    const variables = {
      ...variablesOf('invoice-issued'),
      period: 'maio\r\nBcc: victim@example.test',
    };
    const email = renderEmail({ template: 'invoice-issued', locale: 'pt-BR', variables });

    expect(email.subject).toBe(
      'Sua fatura de maio  Bcc: victim@example.test – Imobiliária Horizonte',
    );
  });

  it('rejects an unknown template or locale', () => {
    const unknownTemplate = renderError(() =>
      renderEmail({
        template: 'newsletter' as EmailTemplateName,
        locale: 'en',
        variables: VALUES,
      }),
    );
    const unknownLocale = renderError(() =>
      renderEmail({ template: 'welcome', locale: 'fr' as EmailLocale, variables: VALUES }),
    );
    const prototypeKey = renderError(() =>
      renderEmail({ template: '__proto__' as EmailTemplateName, locale: 'en', variables: VALUES }),
    );

    for (const err of [unknownTemplate, unknownLocale, prototypeKey]) {
      expect(err.code).toBe('EMAIL_ERR_TEMPLATE_UNKNOWN');
      expect(err.retryable).toBe(false);
    }
  });

  it('gives the same output when rendered again from the cache', () => {
    const input = {
      template: 'welcome',
      locale: 'pt-BR',
      variables: variablesOf('welcome'),
    } as const;
    expect(renderEmail(input)).toEqual(renderEmail(input));
  });
});
