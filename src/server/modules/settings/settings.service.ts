import type { SettingsBody, SettingsView } from '../../../contracts/settings.js';
import type { Database } from '../../../db/client.js';
import type { Settings } from '../../../db/schema/index.js';
import type { Clock } from '../../shared/clock.js';
import { recordEvent } from '../events/events.repository.js';
import type { AuditContext } from '../events/events.repository.js';
import { change } from '../events/events.view.js';
import { findPatternProblem } from './protected-pattern.js';
import {
  invalidProtectedPattern,
  settingsVersionMismatch,
  settingsVersionRequired,
} from './settings.errors.js';
import { lockSettings, readSettings, updateSettingsAtVersion } from './settings.repository.js';

export interface SettingsDeps {
  db: Database;
  clock: Clock;
}

const settingFields = [
  'globalProjectLimit',
  'twoStepDefault',
  'reverifyOnContactChange',
  'protectedEmailPattern',
  'passwordMinLength',
] as const satisfies readonly (keyof SettingsBody)[];

const pickSettings = (source: SettingsBody): SettingsBody => ({
  globalProjectLimit: source.globalProjectLimit,
  twoStepDefault: source.twoStepDefault,
  reverifyOnContactChange: source.reverifyOnContactChange,
  protectedEmailPattern: source.protectedEmailPattern,
  passwordMinLength: source.passwordMinLength,
});

export function toSettingsView(row: Settings): SettingsView {
  return { ...pickSettings(row), updatedAt: row.updatedAt.toISOString(), version: row.version };
}

/** Event details of a settings change: every changed field with before → after. */
export function describeSettingsChanges(before: SettingsBody, after: SettingsBody) {
  return {
    changes: settingFields
      .filter((field) => before[field] !== after[field])
      .map((field) => change(field, before[field], after[field])),
  };
}

export function createSettingsService({ db, clock }: SettingsDeps) {
  async function getSettings(): Promise<SettingsView> {
    return toSettingsView(await readSettings(db));
  }

  /**
   * Replaces the whole settings object if the caller saw the current version. The change and
   * its event commit together; saving the same values again changes and logs nothing.
   */
  async function updateSettings(
    version: number | null,
    input: SettingsBody,
    audit: AuditContext,
  ): Promise<SettingsView> {
    // Checked before the version: a bad pattern is the more useful answer, and nothing is saved.
    const problem = await findPatternProblem(input.protectedEmailPattern);
    if (problem) throw invalidProtectedPattern(problem);
    if (version === null) throw settingsVersionRequired();
    const now = clock.now();
    const outcome = await db.transaction(async (tx) => {
      const before = await lockSettings(tx);
      if (before.version !== version) return { kind: 'stale', current: before } as const;
      const details = describeSettingsChanges(before, input);
      if (details.changes.length === 0) return { kind: 'unchanged', current: before } as const;
      const updated = await updateSettingsAtVersion(tx, version, {
        ...pickSettings(input),
        updatedAt: now,
      });
      if (!updated) return { kind: 'stale', current: before } as const;
      await recordEvent(tx, audit, { action: 'settings.updated', details }, now);
      return { kind: 'updated', current: updated } as const;
    });
    if (outcome.kind === 'stale') {
      throw settingsVersionMismatch(toSettingsView(await readSettings(db)));
    }
    return toSettingsView(outcome.current);
  }

  return { getSettings, updateSettings };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
