/**
 * Deterministic demo data: the same (agency, seed, kind, index) always gives byte-identical
 * rows, ids included. All people, companies, addresses and numbers are invented; emails are at
 * `example.test`. Timestamps are ISO strings fixed by the generator, never the clock.
 */
import {
  asciiSlug,
  CITIES,
  COMPOUND_FIRST_NAMES,
  FIRST_NAMES,
  STREET_NAMES,
  STREET_TYPES,
  SURNAMES,
} from './brazil.js';
import { cnpjCheckDigits, generateCpf } from './documents.js';
import { type Rng, rowMaterial, uuidFor } from './prng.js';

/** The demo agency's fixed id, so scripts can run its month-end batch without a lookup. */
export const DEMO_AGENCY_ID = '3f6c2a9e-5b1d-4c8e-9a7f-2d4b6e8c1a03';

export type LeaseKind = 'active' | 'ended';

export interface AgencySeedRow {
  id: string;
  name: string;
  timezone: string;
  locale: 'pt-BR' | 'en';
  branding: {
    primaryColor: string;
    legalName: string;
    cnpj: string;
    address: string;
    email: string;
    phone: string;
  };
  createdAt: string;
}

export interface AgencyUserSeedRow {
  id: string;
  agencyId: string;
  name: string;
  email: string;
  role: 'owner' | 'manager' | 'agent' | 'finance';
  createdAt: string;
}

export interface RenterSeedRow {
  id: string;
  agencyId: string;
  name: string;
  /** 11 digits with valid check digits. */
  cpf: string;
  email: string;
  phone: string;
  createdAt: string;
}

export interface PropertySeedRow {
  id: string;
  agencyId: string;
  street: string;
  number: string;
  complement: string | null;
  neighbourhood: string;
  city: string;
  state: string;
  postalCode: string;
  createdAt: string;
}

export interface LeaseSeedRow {
  id: string;
  agencyId: string;
  renterId: string;
  propertyId: string;
  monthlyRentCents: number;
  condoFeeCents: number;
  iptuShareCents: number;
  dueDay: number;
  status: LeaseKind;
  /** `YYYY-MM-DD` */
  startsOn: string;
  endsOn: string | null;
  createdAt: string;
}

/** One lease with the renter and property that only it uses. */
export interface LeaseBundle {
  renter: RenterSeedRow;
  property: PropertySeedRow;
  lease: LeaseSeedRow;
}

export interface BundleRange {
  agencyId: string;
  seed: number;
  kind: LeaseKind;
  /** First index, from 0. */
  from: number;
  count: number;
}

export function demoAgency(): AgencySeedRow {
  const cnpjBase = '417283950001';
  return {
    id: DEMO_AGENCY_ID,
    name: 'Imobiliária Horizonte Ltda.',
    timezone: 'America/Sao_Paulo',
    locale: 'pt-BR',
    branding: {
      primaryColor: '#0B5CAD',
      legalName: 'Imobiliária Horizonte Ltda.',
      cnpj: cnpjBase + cnpjCheckDigits(cnpjBase),
      address:
        'Rua das Palmeiras Imperiais, 318 – Sala 4, Jardim Horizonte, São Paulo – SP, 04567-010',
      email: 'financeiro.horizonte@example.test',
      phone: '+55 11 3456-7890',
    },
    createdAt: '2019-03-04T12:00:00.000Z',
  };
}

export function demoAgencyUsers(agencyId: string): AgencyUserSeedRow[] {
  const user = (index: number, name: string, email: string, role: AgencyUserSeedRow['role']) => ({
    id: uuidFor('agency-user', agencyId, index),
    agencyId,
    name,
    email,
    role,
    createdAt: '2019-03-04T12:30:00.000Z',
  });

  return [
    user(0, 'Helena Araújo Brandão', 'helena.brandao@example.test', 'owner'),
    user(1, 'Otávio Sá Figueirêdo', 'otavio.figueiredo@example.test', 'finance'),
    user(2, 'Lúcia Peçanha', 'lucia.pecanha@example.test', 'agent'),
  ];
}

/** How many ended leases go with a number of active ones: a couple, or 2% of a big agency. */
export function endedLeaseCount(activeLeases: number): number {
  return Math.max(2, Math.floor(activeLeases / 50));
}

export function generateLeaseBundles(range: BundleRange): LeaseBundle[] {
  return Array.from({ length: range.count }, (_, offset) =>
    generateLeaseBundle({ ...range, index: range.from + offset }),
  );
}

export function generateLeaseBundle(input: {
  agencyId: string;
  seed: number;
  kind: LeaseKind;
  index: number;
}): LeaseBundle {
  const { agencyId, seed, kind, index } = input;
  const { rng, ids } = rowMaterial('lease-bundle', agencyId, seed, kind, index);
  const [renterId, propertyId, leaseId] = ids;

  // Draw order is part of the format: changing it changes every generated row.
  const term = kind === 'active' ? activeTerm(rng) : endedTerm(rng);
  const createdAt = daysBefore(term.startsOn, rng.int(3, 20), rng);
  const city = rng.pick(CITIES);
  const renter = generateRenter(rng, { id: renterId, agencyId, ddd: city.ddd, createdAt });
  const property = generateProperty(rng, { id: propertyId, agencyId, city, createdAt });
  const charges = generateCharges(rng, property.complement?.startsWith('Apto') ?? false);

  const lease: LeaseSeedRow = {
    id: leaseId,
    agencyId,
    renterId: renter.id,
    propertyId: property.id,
    ...charges,
    status: kind,
    ...term,
    createdAt,
  };
  return { renter, property, lease };
}

function generateRenter(
  rng: Rng,
  base: { id: string; agencyId: string; ddd: string; createdAt: string },
): RenterSeedRow {
  const first = rng.chance(1 / 6) ? rng.pick(COMPOUND_FIRST_NAMES) : rng.pick(FIRST_NAMES);
  const surnames = [rng.pick(SURNAMES)];
  if (rng.chance(0.6)) {
    const second = rng.pick(SURNAMES);
    if (second !== surnames[0]) {
      surnames.push(second);
    }
  }

  const firstWord = first.split(' ')[0] ?? first;
  const lastSurname = surnames[surnames.length - 1] ?? '';
  const local = `${asciiSlug(firstWord)}.${asciiSlug(lastSurname)}${rng.int(1, 9999)}`;
  const phone = `+55 ${base.ddd} 9${rng.int(1000, 9999)}-${pad(rng.int(0, 9999), 4)}`;

  return {
    id: base.id,
    agencyId: base.agencyId,
    name: [first, ...surnames].join(' '),
    cpf: generateCpf(rng),
    email: `${local}@example.test`,
    phone,
    createdAt: base.createdAt,
  };
}

function generateProperty(
  rng: Rng,
  base: { id: string; agencyId: string; city: (typeof CITIES)[number]; createdAt: string },
): PropertySeedRow {
  const { city } = base;
  const street = `${rng.pick(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`;
  const number = String(rng.int(1, 2999));

  let complement: string | null = null;
  if (rng.chance(0.6)) {
    complement = `Apto ${rng.int(1, 22)}${rng.int(1, 8)}`;
  } else if (rng.chance(0.15)) {
    complement = `Casa ${rng.int(1, 6)}`;
  }

  const cepPrefix = rng.pick(city.cepPrefixes);
  const postalCode = `${cepPrefix}${pad(rng.int(0, 999), 3)}-${pad(rng.int(0, 999), 3)}`;
  return {
    id: base.id,
    agencyId: base.agencyId,
    street,
    number,
    complement,
    neighbourhood: rng.pick(city.neighbourhoods),
    city: city.city,
    state: city.state,
    postalCode,
    createdAt: base.createdAt,
  };
}

// Rent in whole tens of reais; condo fee only for apartments; three leases in four pass on a
// monthly share of the IPTU (property tax), which is rarely a round figure.
function generateCharges(rng: Rng, isApartment: boolean) {
  const rentReais = isApartment ? rng.int(120, 650) * 10 : rng.int(150, 900) * 10;
  return {
    monthlyRentCents: rentReais * 100,
    condoFeeCents: isApartment ? rng.int(2500, 15_000) * 10 : 0,
    iptuShareCents: rng.chance(0.75) ? rng.int(3500, 45_000) : 0,
    dueDay: rng.pick([1, 5, 5, 10, 10, 10, 15, 20, 25, 28]),
  };
}

// Active leases started between 2020 and 2023 and run open-ended (after the fixed term a
// Brazilian lease continues indefinitely), so every period from 2024 on bills all of them.
function activeTerm(rng: Rng) {
  const startsOn = isoDay(rng.int(2020, 2023), rng.int(1, 12), rng.int(1, 28));
  return { startsOn, endsOn: null };
}

// Ended leases ran 12 to 30 months and all ended before 2024.
function endedTerm(rng: Rng) {
  const year = rng.int(2018, 2020);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const months = rng.int(12, 30);
  return { startsOn: isoDay(year, month, day), endsOn: isoDay(year, month + months, day - 1) };
}

// Date.UTC normalises overflowing months and days, so month 14 or day 0 are fine here.
function isoDay(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function daysBefore(day: string, days: number, rng: Rng): string {
  const at = new Date(`${day}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() - days);
  at.setUTCHours(rng.int(11, 20), rng.int(0, 59));
  return at.toISOString();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
