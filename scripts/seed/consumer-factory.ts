import { faker } from '@faker-js/faker';
import { UUID } from 'uuidv7';

import type { ConsumerStatus, NewConsumer } from '../../src/db/schema/consumers.js';
import { foldForSearch } from '../../src/server/shared/text.js';
import { emailKeyOf, emailStem, seedEmail, seedEmailDomains } from './emails.js';
import { createOriginPicker, type Origin } from './origins.js';
import { randomMobileNumber } from './phones.js';

/** Every column set explicitly, so the COPY loader can list the table's columns as they are. */
export type SeedConsumer = Required<NewConsumer>;

export interface ConsumerFactoryOptions {
  total: number;
  /** First value of the per-address counter that keeps seeded emails unique. */
  firstCounter: number;
  passwordHash: string;
  now: Date;
}

type Lifecycle = Pick<
  SeedConsumer,
  | 'status'
  | 'statusBeforeSuspension'
  | 'emailVerifiedAt'
  | 'phoneVerifiedAt'
  | 'lastSignInAt'
  | 'twoStepEnabled'
  | 'updatedAt'
>;

const day = 86_400_000;
const twoYears = 730 * day;

const random = () => faker.number.float();
const chance = (probability: number) => random() < probability;
const between = (from: number, to: number) => from + random() * Math.max(0, to - from);

function pickStatus(): ConsumerStatus {
  const roll = random();
  if (roll < 0.3) return 'new';
  return roll < 0.98 ? 'active' : 'suspended';
}

function pickName(origin: Origin): { firstName: string; lastName: string } {
  const person = origin.faker.person;
  const sex = person.sexType();
  let firstName = person.firstName(sex);
  if (origin.compoundFirstNames && chance(0.06)) firstName += `-${person.firstName(sex)}`;
  return { firstName, lastName: person.lastName(sex) };
}

function lifecycleFor(status: ConsumerStatus, createdAt: number, now: number, hasPhone: boolean) {
  if (status === 'new') {
    const unverified: Lifecycle = {
      status,
      statusBeforeSuspension: null,
      emailVerifiedAt: null,
      phoneVerifiedAt: null,
      lastSignInAt: null,
      twoStepEnabled: false,
      updatedAt: new Date(createdAt),
    };
    return unverified;
  }
  const verifiedAt = between(createdAt, Math.min(now, createdAt + 3 * day));
  const phoneVerifiedAt = hasPhone && chance(0.4) ? between(verifiedAt, now) : null;
  const suspendedAt = status === 'suspended' ? between(verifiedAt, now) : null;
  const lifecycle: Lifecycle = {
    status,
    statusBeforeSuspension: status === 'suspended' ? 'active' : null,
    emailVerifiedAt: new Date(verifiedAt),
    phoneVerifiedAt: phoneVerifiedAt === null ? null : new Date(phoneVerifiedAt),
    lastSignInAt: chance(0.7) ? new Date(between(verifiedAt, now)) : null,
    twoStepEnabled: chance(0.1),
    updatedAt: new Date(Math.max(verifiedAt, phoneVerifiedAt ?? 0, suspendedAt ?? 0)),
  };
  return lifecycle;
}

/** A UUIDv7 whose embedded time is the row's creation time, as if it had been made back then. */
function idCreatedAt(createdAt: number): string {
  const randA = faker.number.int(0xfff);
  const randBHi = faker.number.int(0x3fffffff);
  const randBLo = faker.number.int(0xffffffff);
  return UUID.fromFieldsV7(createdAt, randA, randBHi, randBLo).toString();
}

/**
 * Returns a function building consumer number `index` (0 ≤ index < total). Creation times are
 * stratified: each row gets a random instant in its own slice of the last two years, so the set is
 * uniform over that span and rows come out in creation order, which keeps index inserts append-only.
 */
export function createConsumerFactory(options: ConsumerFactoryOptions) {
  const pickOrigin = createOriginPicker();
  const now = options.now.getTime();
  const start = now - twoYears;
  const slice = twoYears / options.total;

  return (index: number): SeedConsumer => {
    const createdAt = Math.floor(start + (index + random()) * slice);
    const origin = pickOrigin(random());
    const { firstName, lastName } = pickName(origin);
    const phone = chance(0.85)
      ? randomMobileNumber(origin.country, (count) => faker.string.numeric(count))
      : null;
    const stem = emailStem(origin.faker, firstName, lastName);
    const domain = faker.helpers.arrayElement(seedEmailDomains);
    const email = seedEmail(stem, options.firstCounter + index, domain);
    return {
      id: idCreatedAt(createdAt),
      firstName,
      lastName,
      firstNameKey: foldForSearch(firstName),
      lastNameKey: foldForSearch(lastName),
      email,
      emailKey: emailKeyOf(email),
      phone,
      country: origin.country,
      ...lifecycleFor(pickStatus(), createdAt, now, phone !== null),
      verificationRequired: false,
      passwordHash: options.passwordHash,
      passwordExpiresAt: null,
      mustChangePassword: false,
      projectLimit: 0,
      createdAt: new Date(createdAt),
      version: 1,
    };
  };
}
