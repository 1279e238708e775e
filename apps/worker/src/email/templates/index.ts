/**
 * The template catalogue. Sources are TypeScript strings rather than files, so the build needs
 * no asset copying and a template missing a locale fails to compile.
 */
import type { EmailTemplateName } from '../types.js';
import { emailVerification } from './email-verification.js';
import { invoiceIssued } from './invoice-issued.js';
import { passwordReset } from './password-reset.js';
import type { TemplateDefinition } from './template-source.js';
import { welcome } from './welcome.js';

export { LAYOUT } from './layout.js';
export type { TemplateDefinition, TemplateSource } from './template-source.js';

export const TEMPLATES: Readonly<Record<EmailTemplateName, TemplateDefinition>> = {
  'invoice-issued': invoiceIssued,
  'password-reset': passwordReset,
  'email-verification': emailVerification,
  welcome,
};
