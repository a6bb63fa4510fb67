import type {
  ConsumerCounts,
  ConsumerFilter,
  CreateConsumerBody,
  UpdateCoordinatesBody,
  UpdateIdentityBody,
} from '../../../contracts/consumers.js';
import type { Database } from '../../../db/client.js';
import type { Consumer } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { isUniqueViolation } from '../../shared/db-errors.js';
import { AppError, validationError } from '../../shared/errors.js';
import type { FieldIssue } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { buildPage, decodeCursor } from '../../shared/pagination.js';
import type { Page } from '../../shared/pagination.js';
import { hashPassword } from '../../shared/passwords.js';
import { generateTemporaryPassword } from '../../shared/tokens.js';
import { isProtectedAccount } from '../account-security/protected-accounts.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { change } from '../events/events.view.js';
import { readSettings } from '../settings/settings.repository.js';
import { findSignInLockEnd } from '../sign-in-lockout/sign-in-lockout.service.js';
import { parseCountry, parseEmail, parsePersonName, parsePhone } from './consumer-input.js';
import {
  consumerNotFound,
  emailTaken,
  versionMismatch,
  versionRequired,
} from './consumers.errors.js';
import {
  findConsumerById,
  findConsumerWithViewSettings,
  insertConsumer,
  prepareConsumerLists,
  readStatusCounts,
  prepareConsumerSearches,
  updateConsumerAtVersion,
} from './consumers.repository.js';
import type { RankedConsumer } from './consumers.repository.js';
import { buildSearch } from './consumers.search.js';
import { describeChanges, toConsumerSummary, toConsumerView } from './consumers.view.js';
import type { ConsumerSummary, ConsumerView } from './consumers.view.js';

export interface ConsumersDeps {
  db: Database;
  clock: Clock;
}

/** A temporary password is good for one day (SR-09). */
export const temporaryPasswordLifetimeMs = 24 * 60 * 60 * 1000;

const statusOfFilter = { all: null, new: 'new', activated: 'active' } as const;

export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

export function createConsumersService({ db, clock }: ConsumersDeps) {
  const listConsumers = prepareConsumerLists(db);
  const searchConsumers = prepareConsumerSearches(db);

  async function listPage(
    filter: ConsumerFilter,
    page: PageRequest,
  ): Promise<Page<ConsumerSummary>> {
    const cursor = decodeCursor(page.cursor);
    const rows = await listConsumers({
      status: statusOfFilter[filter],
      cursor,
      limit: page.limit,
    });
    return toSummaryPage(buildPage(rows, page.limit, cursor));
  }

  async function search(query: string, page: PageRequest): Promise<Page<ConsumerSummary>> {
    const cursor = decodeCursor(page.cursor);
    const search = buildSearch(query);
    if (!search) return { items: [], nextCursor: null, previousCursor: null };
    const rows = await searchConsumers(search, cursor, page.limit);
    return toSummaryPage(buildPage(rows, page.limit, cursor));
  }

  async function counts(): Promise<ConsumerCounts> {
    const totals = await readStatusCounts(db);
    return {
      all: totals.new + totals.active + totals.suspended,
      new: totals.new,
      activated: totals.active,
    };
  }

  async function getConsumer(id: string): Promise<ConsumerView> {
    const found = await findConsumerWithViewSettings(db, id);
    if (!found) throw consumerNotFound();
    const lockedUntil = await findSignInLockEnd(db, found.consumer.emailKey, clock.now());
    return toConsumerView(found.consumer, found.settings, lockedUntil);
  }

  async function viewOf(consumer: Consumer): Promise<ConsumerView> {
    const settings = await readSettings(db);
    const lockedUntil = await findSignInLockEnd(db, consumer.emailKey, clock.now());
    return toConsumerView(consumer, settings, lockedUntil);
  }

  async function createConsumer(input: CreateConsumerBody, audit: AuditContext) {
    const issues: FieldIssue[] = [];
    const firstName = parsePersonName(input.firstName, 'firstName', 'First name', issues);
    const lastName = parsePersonName(input.lastName, 'lastName', 'Name', issues);
    const email = parseEmail(input.email, issues);
    const country = parseCountry(input.country, issues);
    const phone = issues.some((issue) => issue.field === 'country')
      ? null
      : parsePhone(input.phone, country, issues);
    if (issues.length > 0) throw validationError(issues);

    // Hash before the transaction opens: argon2 is slow and must not hold a connection.
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    const now = clock.now();
    try {
      const { consumer, settings } = await db.transaction(async (tx) => {
        const settings = await readSettings(tx);
        const created = await insertConsumer(tx, {
          id: newId(),
          firstName: firstName.value,
          firstNameKey: firstName.key,
          lastName: lastName.value,
          lastNameKey: lastName.key,
          email: email.value,
          emailKey: email.key,
          phone,
          country,
          status: 'new',
          passwordHash,
          passwordExpiresAt: new Date(now.getTime() + temporaryPasswordLifetimeMs),
          mustChangePassword: true,
          twoStepEnabled: settings.twoStepDefault,
          createdAt: now,
          updatedAt: now,
        });
        await recordEvent(
          tx,
          audit,
          {
            action: 'consumer.created',
            consumerId: created.id,
            details: {
              changes: [
                change('status', null, 'new'),
                change('country', null, country),
                change('twoStep', null, created.twoStepEnabled),
                change('temporaryPassword'),
              ],
            },
          },
          now,
        );
        return { consumer: created, settings };
      });
      // An address can be locked before its account exists: unknown addresses are counted too.
      const lockedUntil = await findSignInLockEnd(db, consumer.emailKey, now);
      return {
        consumer: toConsumerView(consumer, settings, lockedUntil),
        credentials: { email: consumer.email, temporaryPassword },
      };
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  async function updateIdentity(
    id: string,
    version: number | null,
    input: UpdateIdentityBody,
    audit: AuditContext,
  ): Promise<ConsumerView> {
    const issues: FieldIssue[] = [];
    const firstName = parsePersonName(input.firstName, 'firstName', 'First name', issues);
    const lastName = parsePersonName(input.lastName, 'lastName', 'Name', issues);
    const country = parseCountry(input.country, issues);
    if (issues.length > 0) throw validationError(issues);
    return applyEdit(id, version, audit, 'consumer.identity_updated', () => ({
      firstName: firstName.value,
      firstNameKey: firstName.key,
      lastName: lastName.value,
      lastNameKey: lastName.key,
      country,
    }));
  }

  async function updateCoordinates(
    id: string,
    version: number | null,
    input: UpdateCoordinatesBody,
    audit: AuditContext,
  ): Promise<ConsumerView> {
    const current = await findConsumerById(db, id);
    if (!current) throw consumerNotFound();
    const issues: FieldIssue[] = [];
    const email = parseEmail(input.email, issues);
    const phone = parsePhone(input.phone, current.country, issues);
    if (issues.length > 0) throw validationError(issues);
    const settings = await readSettings(db);
    try {
      return await applyEdit(id, version, audit, 'consumer.coordinates_updated', (before) => {
        refuseLeavingProtection(before.email, email.value, settings.protectedEmailPattern);
        const emailChanged = before.emailKey !== email.key;
        const phoneChanged = before.phone !== phone;
        const reverify = settings.reverifyOnContactChange;
        return {
          email: email.value,
          emailKey: email.key,
          phone,
          ...(reverify && emailChanged ? { emailVerifiedAt: null } : {}),
          ...(reverify && phoneChanged ? { phoneVerifiedAt: null } : {}),
        };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /**
   * One edit: checks the version the admin saw, writes the change and its event in one
   * transaction, and answers 412 with the current record when someone else saved first.
   */
  async function applyEdit(
    id: string,
    version: number | null,
    audit: AuditContext,
    action: string,
    changesFor: (before: Consumer) => Partial<Consumer>,
  ): Promise<ConsumerView> {
    if (version === null) throw versionRequired();
    const now = clock.now();
    const outcome = await db.transaction(async (tx) => {
      const before = await findConsumerById(tx, id);
      if (!before) return { kind: 'missing' } as const;
      if (before.version !== version) return { kind: 'stale', current: before } as const;
      const changes = changesFor(before);
      const updated = await updateConsumerAtVersion(tx, id, version, {
        ...changes,
        updatedAt: now,
      });
      if (!updated) return { kind: 'stale', current: before } as const;
      await recordEvent(
        tx,
        audit,
        { action, consumerId: id, details: describeChanges(before, updated) },
        now,
      );
      return { kind: 'updated', consumer: updated } as const;
    });
    if (outcome.kind === 'missing') throw consumerNotFound();
    if (outcome.kind === 'stale') {
      const latest = (await findConsumerById(db, id)) ?? outcome.current;
      throw versionMismatch(await viewOf(latest));
    }
    return viewOf(outcome.consumer);
  }

  return {
    listPage,
    search,
    counts,
    getConsumer,
    createConsumer,
    updateIdentity,
    updateCoordinates,
  };
}

function toSummaryPage(page: Page<RankedConsumer>): Page<ConsumerSummary> {
  return { ...page, items: page.items.map(toConsumerSummary) };
}

export type ConsumersService = ReturnType<typeof createConsumersService>;

/**
 * A protected test account keeps a protected address: moving it out of the pattern would let the
 * next click suspend or delete it.
 */
function refuseLeavingProtection(before: string, after: string, pattern: string): void {
  if (!isProtectedAccount(before, pattern) || isProtectedAccount(after, pattern)) return;
  const message = 'This test account is protected: its address must stay a test address';
  throw new AppError(422, 'consumer.protected', message, {
    details: { issues: [{ field: 'email', message }] },
  });
}
