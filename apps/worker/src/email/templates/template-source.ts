import type { EmailLocale } from '../types.js';

/** Handlebars sources of one template in one locale. */
export interface TemplateSource {
  /** Rendered without HTML escaping, then cleaned of control characters. */
  subject: string;
  /** The part inside the shared layout; values are HTML-escaped. */
  html: string;
  /** Plain text; values are inserted as they are. */
  text: string;
}

export interface TemplateDefinition {
  /** Every variable the template reads; rendering fails when one is missing. */
  variables: readonly string[];
  /** Variables placed in links: they must be http(s) URLs. */
  urlVariables: readonly string[];
  locales: Readonly<Record<EmailLocale, TemplateSource>>;
}
