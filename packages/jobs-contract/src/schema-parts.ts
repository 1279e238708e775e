/**
 * Schema pieces shared by several job payloads. Patterns are used instead of TypeBox string
 * formats because formats need a registry that every validator would have to share.
 */
import { Type } from '@sinclair/typebox';

const UUID_PATTERN =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** Every payload carries the version of its schema, so a change can be rolled out safely. */
export const SchemaVersion1 = Type.Literal(1, { description: 'payload schema version' });

/** A row id of the application database. */
export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'a uuid' });

/** A billing period, `YYYY-MM`. */
export const Period = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'a period as YYYY-MM',
});

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'a date as YYYY-MM-DD',
});

/** A key of an object in storage (never the object itself: payloads carry references). */
export const StorageKey = Type.String({
  minLength: 1,
  maxLength: 512,
  pattern: '^[A-Za-z0-9._/-]+$',
  description: 'a storage key',
});

/**
 * An email address in the WHATWG form (what browsers accept): stricter than RFC 5322, so an
 * address that passes here is one the mail transport will send to.
 */
export const EMAIL_ADDRESS_PATTERN =
  "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?" +
  '(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$';

/** The languages our documents and emails are written in. */
export const Locale = Type.Union([Type.Literal('pt-BR'), Type.Literal('en')]);
