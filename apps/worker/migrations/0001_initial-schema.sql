-- Up Migration

-- Initial schema of the worker's application data and effects ledger.
-- Ids are uuid (gen_random_uuid() is built into PostgreSQL 13+), money is integer cents in
-- bigint, instants are timestamptz and calendar days are date.

CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  timezone text NOT NULL DEFAULT 'America/Sao_Paulo',
  locale text NOT NULL DEFAULT 'pt-BR' CHECK (locale IN ('pt-BR', 'en')),
  -- { primaryColor, legalName, cnpj, address, email, phone }
  branding jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(branding) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agency_users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  name text NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'agent', 'finance')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, email)
);

CREATE TABLE renters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- Digits only; check digits are validated by the application that collects them.
  cpf char(11) NOT NULL CHECK (cpf ~ '^[0-9]{11}$'),
  email text NOT NULL,
  phone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX renters_agency_id_idx ON renters (agency_id);

CREATE TABLE properties (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  street text NOT NULL,
  number text NOT NULL,
  complement text,
  neighbourhood text NOT NULL,
  city text NOT NULL,
  state char(2) NOT NULL CHECK (state ~ '^[A-Z]{2}$'),
  postal_code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX properties_agency_id_idx ON properties (agency_id);

CREATE TABLE leases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  renter_id uuid NOT NULL REFERENCES renters (id),
  property_id uuid NOT NULL REFERENCES properties (id),
  monthly_rent_cents bigint NOT NULL CHECK (monthly_rent_cents > 0),
  -- Charges passed on to the renter each month; 0 when the property has none.
  condo_fee_cents bigint NOT NULL DEFAULT 0 CHECK (condo_fee_cents >= 0),
  iptu_share_cents bigint NOT NULL DEFAULT 0 CHECK (iptu_share_cents >= 0),
  -- 1..28 so that every month has the day.
  due_day smallint NOT NULL CHECK (due_day BETWEEN 1 AND 28),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended', 'suspended')),
  starts_on date NOT NULL,
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE INDEX leases_agency_id_status_idx ON leases (agency_id, status);
-- Deleting a renter or property (personal-data erasure) checks leases through these.
CREATE INDEX leases_renter_id_idx ON leases (renter_id);
CREATE INDEX leases_property_id_idx ON leases (property_id);

CREATE TABLE invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  lease_id uuid NOT NULL REFERENCES leases (id),
  period char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- [{ description, amountCents }]
  line_items jsonb NOT NULL CHECK (jsonb_typeof(line_items) = 'array'),
  amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'sent')),
  pdf_storage_key text,
  issued_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One invoice per lease and month: the identity that makes invoice creation idempotent.
  UNIQUE (lease_id, period)
);

CREATE INDEX invoices_agency_id_period_idx ON invoices (agency_id, period);

-- Ledger of external effects (emails sent, files stored): a key present here means the effect
-- already happened, so a retried job skips it.
CREATE TABLE effects (
  key text PRIMARY KEY,
  kind text NOT NULL,
  job_id text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE effects;
DROP TABLE invoices;
DROP TABLE leases;
DROP TABLE properties;
DROP TABLE renters;
DROP TABLE agency_users;
DROP TABLE agencies;
