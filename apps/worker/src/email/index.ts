/** Public surface of the email machinery, used by the `email.send` processor. */
export { type DeliverEmailInput, deliverEmail } from './deliver-email.js';
export { EmailError, type EmailErrorCode, isEmailError } from './errors.js';
export { ledgerKeyFor, messageIdFor } from './message-id.js';
export { renderEmail, templateVariables } from './render-template.js';
export { createMailTransport, type MailTransportConfig } from './transport.js';
export type * from './types.js';
