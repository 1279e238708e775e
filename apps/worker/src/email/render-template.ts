/**
 * Renders a catalogue template into subject, HTML and text. Templates compile once per process
 * on an own Handlebars instance (no helper or partial registered elsewhere can leak in), in
 * strict mode so a missing variable fails instead of leaving a gap in a renter's email.
 * HTML parts escape values; the subject and text parts insert them as they are.
 */
import Handlebars from 'handlebars';
import { EmailError } from './errors.js';
import { sanitizeHeaderText } from './sanitize-header.js';
import { LAYOUT, TEMPLATES, type TemplateDefinition } from './templates/index.js';
import type { EmailLocale, EmailTemplateName, RenderedEmail, TemplateVariables } from './types.js';

type Compiled = (context: Record<string, unknown>) => string;

interface CompiledTemplate {
  definition: TemplateDefinition;
  subject: Compiled;
  html: Compiled;
  text: Compiled;
  layoutHtml: Compiled;
  layoutText: Compiled;
}

const handlebars = Handlebars.create();
const cache = new Map<string, CompiledTemplate>();

const LINK = /^https?:\/\/\S+$/i;

export interface RenderEmailInput {
  template: EmailTemplateName;
  locale: EmailLocale;
  variables: TemplateVariables;
}

export function renderEmail({ template, locale, variables }: RenderEmailInput): RenderedEmail {
  const compiled = compiledTemplate(template, locale);
  checkLinks(compiled.definition, variables);

  return withVariableErrors(() => {
    const subject = sanitizeHeaderText(compiled.subject(variables));
    const html = compiled.layoutHtml({
      ...variables,
      subject,
      body: compiled.html(variables),
    });
    const text = compiled.layoutText({ ...variables, body: compiled.text(variables) });
    return { subject, html, text };
  });
}

/** The variables a template reads, for producers and tests. */
export function templateVariables(template: EmailTemplateName): readonly string[] {
  return definitionOf(template, 'en').variables;
}

function compiledTemplate(template: EmailTemplateName, locale: EmailLocale): CompiledTemplate {
  const cacheKey = `${template}\u0000${locale}`;
  const cached = cache.get(cacheKey);
  if (cached) {
    return cached;
  }

  const definition = definitionOf(template, locale);
  const source = definition.locales[locale];
  const layout = LAYOUT[locale];
  const compiled: CompiledTemplate = {
    definition,
    subject: handlebars.compile(source.subject, { strict: true, noEscape: true }),
    html: handlebars.compile(source.html, { strict: true }),
    text: handlebars.compile(source.text, { strict: true, noEscape: true }),
    layoutHtml: handlebars.compile(layout.html, { strict: true }),
    layoutText: handlebars.compile(layout.text, { strict: true, noEscape: true }),
  };
  cache.set(cacheKey, compiled);
  return compiled;
}

function definitionOf(template: string, locale: string): TemplateDefinition {
  // Job data is checked by the contract, but a payload from an older producer may still name
  // a template this worker no longer has; own-property checks keep `__proto__` out as well.
  const definition = Object.hasOwn(TEMPLATES, template)
    ? TEMPLATES[template as EmailTemplateName]
    : undefined;
  if (!definition || !Object.hasOwn(definition.locales, locale)) {
    throw new EmailError(
      'EMAIL_ERR_TEMPLATE_UNKNOWN',
      `no email template "${template}" in locale "${locale}"`,
    );
  }
  return definition;
}

function checkLinks(definition: TemplateDefinition, variables: TemplateVariables): void {
  for (const name of definition.urlVariables) {
    const value = variables[name];
    // A missing link is reported by strict rendering; here only present values are checked.
    if (value !== undefined && !LINK.test(String(value))) {
      throw new EmailError(
        'EMAIL_ERR_TEMPLATE_VARIABLE',
        `template variable "${name}" must be an http(s) URL`,
      );
    }
  }
}

// Handlebars reports a missing variable as `"name" not defined in <context>`, and the context
// can be a variable's value, so its message is not kept as the cause: only the name is.
const MISSING_VARIABLE = /^"([^"]+)" not defined/;

function withVariableErrors<Result>(render: () => Result): Result {
  try {
    return render();
  } catch (err) {
    const name = err instanceof Error ? MISSING_VARIABLE.exec(err.message)?.[1] : undefined;
    if (name === undefined) {
      throw err;
    }
    throw new EmailError('EMAIL_ERR_TEMPLATE_VARIABLE', `template variable "${name}" is missing`);
  }
}
