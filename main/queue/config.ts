// Configuration of the center: fields, counters, staff and settings, each change journaled.
import { counterToWire } from '../store/toWire.ts';
import type { Counter, CounterInput, Field, FieldInput, Settings, Staff, StaffInput, VoiceSettings } from '../contract/index.ts';
import type { Db } from '../../db/open.ts';
import { getField, insertField, listFields, updateField } from '../../db/fields.ts';
import { getCounter, insertCounter, listCounters, updateCounterConfig } from '../../db/counters.ts';
import { countActiveAdmins, getStaff, getStaffByUsername, insertStaff, listStaff, publicStaff, updateStaff } from '../../db/staff.ts';
import { revokeSessionsOfStaff } from '../../db/sessions.ts';
import { codeOf, HubError } from '../base/errors.ts';
import type { Journal } from '../store/journal.ts';
import { hashPassword } from '../base/passwords.ts';
import type { SettingsStore } from '../store/settings.ts';
import type { QueueEngine } from './engine.ts';
import { announcementText, composeAnnouncement, missingWords } from '../voice/announcement.ts';
import { getDevice } from '../../db/devices.ts';
import type { Clock } from '../base/time.ts';

/** Names compared as a person reads them: case, spacing and Unicode composition aside. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return norm(a) === norm(b);
}

/** SQLite's constraint failures, said the way the API says them. */
function translateConstraint<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const code = codeOf(err);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new HubError('CONFLICT');
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === 'SQLITE_CONSTRAINT_CHECK') throw new HubError('VALIDATION');
    throw err;
  }
}

export class CenterConfig {
  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly engine: QueueEngine,
    /** The words each voice pack the hub serves can say (main/hub/voicePacks.ts). */
    private readonly voicePacks: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ) {}

  listFields(): Field[] {
    return listFields(this.db);
  }

  saveField(input: FieldInput & { id?: number }, staffId: number | null): Field {
    return this.journal.write(() =>
      translateConstraint(() => {
        if (input.active) this.refuseOverlap(input);
        const others = listFields(this.db).filter((f) => f.id !== input.id);
        if (others.some((f) => f.code === input.code)) throw new HubError('CONFLICT', [{ path: ['code'], message: 'code taken' }]);
        // Names must tell the fields in use apart; an old field kept for its statistics may share one.
        const inUse = input.active ? others.filter((f) => f.active) : [];
        if (inUse.some((f) => sameName(f.nameVi, input.nameVi)))
          throw new HubError('CONFLICT', [{ path: ['nameVi'], message: 'name taken' }]);
        if (input.nameEn && inUse.some((f) => sameName(f.nameEn, input.nameEn)))
          throw new HubError('CONFLICT', [{ path: ['nameEn'], message: 'name taken' }]);
        if (input.id !== undefined) {
          const existing = getField(this.db, input.id);
          if (!existing) throw new HubError('FIELD_NOT_FOUND');
          updateField(this.db, { ...input, id: input.id });
          this.journal.record('config:changed', { fieldId: input.id, staffId }, { entity: 'field', id: input.id, action: 'updated' });
          // the row exists: found above in this same transaction
          return getField(this.db, input.id)!;
        }
        const created = insertField(this.db, input);
        this.journal.record('config:changed', { fieldId: created.id, staffId }, { entity: 'field', id: created.id, action: 'created' });
        return created;
      }),
    );
  }

  /**
   * Numbers are unique per field and day only, so two active fields sharing a range would hand two
   * citizens the same number. Checked whenever a field is saved active (created, edited, reactivated).
   */
  private refuseOverlap(f: FieldInput & { id?: number }): void {
    const clash = listFields(this.db).find((o) => o.active && o.id !== f.id && o.rangeStart <= f.rangeEnd && f.rangeStart <= o.rangeEnd);
    if (clash) {
      throw new HubError('RANGE_OVERLAP', { fieldId: clash.id, code: clash.code, rangeStart: clash.rangeStart, rangeEnd: clash.rangeEnd });
    }
  }

  listCounters(): Counter[] {
    return listCounters(this.db).map(counterToWire);
  }

  saveCounter(input: CounterInput & { id?: number }, staffId: number | null): Counter {
    return this.journal.write(() =>
      translateConstraint(() => {
        for (const link of input.fields)
          if (!getField(this.db, link.fieldId)) throw new HubError('FIELD_NOT_FOUND', { fieldId: link.fieldId });
        const others = listCounters(this.db).filter((c) => c.id !== input.id);
        if (others.some((c) => c.number === input.number)) throw new HubError('CONFLICT', [{ path: ['number'], message: 'number taken' }]);
        const inUse = input.active ? others.filter((c) => c.active) : [];
        if (inUse.some((c) => sameName(c.nameVi, input.nameVi)))
          throw new HubError('CONFLICT', [{ path: ['nameVi'], message: 'name taken' }]);
        if (input.nameEn && inUse.some((c) => sameName(c.nameEn, input.nameEn)))
          throw new HubError('CONFLICT', [{ path: ['nameEn'], message: 'name taken' }]);
        let id = input.id;
        if (id !== undefined) {
          if (!updateCounterConfig(this.db, id, input)) throw new HubError('COUNTER_NOT_FOUND');
          this.journal.record('config:changed', { counterId: id, staffId }, { entity: 'counter', id, action: 'updated' });
        } else {
          id = insertCounter(this.db, input);
          this.journal.record('config:changed', { counterId: id, staffId }, { entity: 'counter', id, action: 'created' });
        }
        // the row exists: updated or inserted just above in this same transaction
        return counterToWire(getCounter(this.db, id)!);
      }),
    );
  }

  listStaff(): Staff[] {
    return listStaff(this.db);
  }

  async saveStaff(input: StaffInput & { id?: number }, staffId: number | null): Promise<Staff> {
    // Hash before the transaction: scrypt is slow on purpose and must not hold the write lock.
    const newHash = input.password === undefined ? undefined : await hashPassword(input.password);
    return this.journal.write(() =>
      translateConstraint(() => {
        const now = this.clock();
        if (input.id === undefined && getStaffByUsername(this.db, input.username))
          throw new HubError('CONFLICT', [{ path: ['username'], message: 'username taken' }]);
        if (input.id === undefined) {
          if (newHash === undefined) throw new HubError('VALIDATION', { path: ['password'] });
          const created = insertStaff(
            this.db,
            { username: input.username, fullName: input.fullName, role: input.role, active: input.active, passwordHash: newHash },
            now,
          );
          this.journal.record('config:changed', { staffId }, { entity: 'staff', id: created.id, action: 'created' });
          return created;
        }
        const existing = getStaff(this.db, input.id);
        if (!existing) throw new HubError('STAFF_NOT_FOUND');
        const other = getStaffByUsername(this.db, input.username);
        if (other && other.id !== existing.id) throw new HubError('CONFLICT', [{ path: ['username'], message: 'username taken' }]);
        const next = {
          ...existing,
          username: input.username,
          fullName: input.fullName,
          role: input.role,
          active: input.active,
          passwordHash: newHash ?? existing.passwordHash,
        };
        updateStaff(this.db, next);
        if (countActiveAdmins(this.db) === 0) throw new HubError('LAST_ADMIN');
        if (!next.active || newHash !== undefined || next.role !== existing.role) {
          revokeSessionsOfStaff(this.db, existing.id, now);
          // Their counters close with their sessions: nobody valid is left at them. A citizen being
          // served there refuses the change (finish or transfer first), as a plain close would.
          for (const c of listCounters(this.db))
            if (c.staffId === existing.id && c.state !== 'closed') this.engine.close(c.id, staffId ?? existing.id);
        }
        this.journal.record('config:changed', { staffId }, { entity: 'staff', id: existing.id, action: 'updated' });
        return publicStaff(next);
      }),
    );
  }

  getSettings(): Settings {
    return this.settings.get();
  }

  saveSettings(next: Settings, staffId: number | null): Settings {
    this.checkVoice(next);
    return this.journal.write(() => {
      this.settings.replace(next);
      this.journal.record('config:changed', { staffId }, { entity: 'settings', id: null, action: 'updated' });
      return next;
    });
  }

  /**
   * A clip of the center's own voice recorded or deleted: journaled as a change of the center's
   * settings, so kiosks take a fresh snapshot and ask again whether they can speak (the last clip
   * recorded offers voice guidance at once, a deleted one withdraws it).
   */
  voiceChanged(staffId: number | null): void {
    this.journal.write(() => this.journal.record('config:changed', { staffId }, { entity: 'settings', id: null, action: 'updated' }));
  }

  /** The words a pack served by this hub can say (none for a pack it does not serve). */
  packClips(pack: string): ReadonlySet<string> {
    return this.voicePacks.get(pack) ?? new Set();
  }

  /** A sample call (ticket 1234 to counter 5) as the hall would speak it, and what the pack lacks. */
  previewVoice(v: VoiceSettings): { words: string[]; text: string; missing: string[] } {
    const words = composeAnnouncement(v.template, 1234, 5, { style: v.numberStyle, dialect: v.dialect, tuAfterMuoi: v.tuAfterMuoi });
    const clips = this.voicePacks.get(v.pack);
    return { words, text: announcementText(words), missing: clips ? missingWords(words, clips) : [] };
  }

  /** A sentence the hall cannot say is refused with the missing words, and the speaking TV must be a hall display. */
  private checkVoice(next: Settings): void {
    const v = next.voice;
    const clips = this.voicePacks.get(v.pack);
    if (this.voicePacks.size > 0 && !clips) throw new HubError('VOICE_PACK_UNKNOWN', [{ path: ['voice', 'pack'], message: v.pack }]);
    if (clips) {
      const { missing } = this.previewVoice(v);
      if (missing.length > 0) throw new HubError('VOICE_WORDS_MISSING', [{ path: ['voice', 'template'], message: missing.join(', ') }]);
    }
    if (v.speakerDeviceId !== null) {
      const d = getDevice(this.db, v.speakerDeviceId);
      if (!d || d.kind !== 'display' || d.revoked)
        throw new HubError('SPEAKER_NOT_A_DISPLAY', [{ path: ['voice', 'speakerDeviceId'], message: String(v.speakerDeviceId) }]);
    }
  }
}
