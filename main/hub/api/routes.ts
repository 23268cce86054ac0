// One handler per endpoint of the contract; the type of `Handlers` makes a missing one a compile error.
import type { Handlers } from './http.ts';
import { isSupervisor, mustChangePassword, staffIdOf, type AccessControl, type Principal } from '../../auth/access.ts';
import type { QueueEngine } from '../../queue/engine.ts';
import { ticketToWire } from '../../store/toWire.ts';
import type { CenterConfig } from '../../queue/config.ts';
import type { Views } from '../../queue/views.ts';
import type { Journal } from '../../store/journal.ts';
import type { BackupService } from '../../store/backup.ts';
import type { PrintService } from '../../devices/printing.ts';
import type { ScanService } from '../../devices/scanning.ts';
import type { Appointments } from '../../queue/appointments.ts';
import type { AuditTrail } from '../../reports/audit.ts';
import type { ProvinceLink } from '../provinceLink.ts';
import type { CenterVoicePack } from '../voicePacks.ts';
import { verifyRatingChain, type RatingService } from '../../queue/ratings.ts';
import { HubError } from '../../base/errors.ts';
import { TokenBuckets, type IssueLimit } from '../../base/rateLimit.ts';
import type { Db } from '../../../db/open.ts';
import type { TicketSource } from '../../contract/index.ts';
import type { StatsRequest } from '../../reports/stats.ts';
import type { CounterDesk, IssuedTicket, StatsReport } from '../../contract/index.ts';
import type { ExportService } from '../../reports/exports.ts';
import type { HealthReport } from '../health.ts';
import type { PhoneTickets } from '../../queue/phoneTickets.ts';
import type { SmsOutbox } from '../smsOutbox.ts';
import { kioskVoice } from '../../voice/kioskSpeech.ts';

export interface Services {
  db: Db;
  health: HealthReport;
  access: AccessControl;
  engine: QueueEngine;
  config: CenterConfig;
  views: Views;
  journal: Journal;
  backups: BackupService;
  printing: PrintService;
  scanning: ScanService;
  appointments: Appointments;
  audit: AuditTrail;
  provinceLink: ProvinceLink;
  ratings: RatingService;
  phone: PhoneTickets;
  sms: SmsOutbox;
  /** Computed off the event loop. */
  statsReport: (query: StatsRequest) => Promise<StatsReport>;
  exports: ExportService;
  /** The hub restarts the print agent of a device whose printer settings changed. */
  printersChanged: () => void;
  clock: () => number;
  version: string;
  /** Per kiosk; null = unlimited (load tests that play many kiosks through one token). */
  issueLimit: IssueLimit | null;
  /** This PC's LAN addresses as phones would open them (main/hub/phoneAddresses.ts). */
  phoneAddresses: () => { candidates: string[]; loopbackOnly: boolean };
  /** The center's own recorded voice pack. */
  voice: CenterVoicePack;
}

/** Devices issue as what they are; staff issue as staff. A kiosk may say it was a scan or an appointment. */
function sourceFor(p: Principal, asked: TicketSource | undefined): TicketSource {
  if (p.kind === 'staff') return 'staff';
  return asked === 'scan' || asked === 'appointment' ? asked : 'kiosk';
}

function deviceOf(p: Principal): number {
  if (p.kind !== 'device') throw new HubError('FORBIDDEN');
  return p.device.id;
}

export function createHandlers(s: Services): Handlers {
  const { access, engine, config, views } = s;
  // With the masked number kept for the current ticket's texts (#26), so the officer sees it was left.
  const withSms = (d: CounterDesk): CounterDesk => (d.current ? { ...d, currentSms: s.sms.maskedFor(d.current.id) } : d);
  const desk = (p: Principal) => withSms(views.desk(access.requireCounter(p)));
  const buckets = s.issueLimit ? new TokenBuckets(s.issueLimit.burst, s.issueLimit.everyMs) : null;
  /** A kiosk issues as fast as citizens come, never as fast as a script: one token cannot empty a field. */
  const limitIssue = (p: Principal) => {
    if (!buckets || p.kind !== 'device') return;
    const wait = buckets.take(String(p.device.id), s.clock());
    if (wait > 0) throw new HubError('RATE_LIMITED', { retryAfterMs: wait });
  };
  /**
   * Issuing, wherever it comes from: the kiosk's limit, then the ticket and (when the caller is a
   * device with a printer) its print job in one transaction, then the printer's agent is woken.
   */
  const issuePrinted = (p: Principal, issue: (printOn: number | null) => IssuedTicket): IssuedTicket => {
    limitIssue(p);
    const device = p.kind === 'device' ? p.device.id : null;
    const printOn = s.printing.printerOf(device) ? device : null;
    const issued = issue(printOn);
    if (printOn !== null) s.printing.jobQueued(printOn);
    // An officer issuing at the counter shows the citizen a slip with the same QR as a printed ticket.
    return {
      ...issued,
      phoneUrl: s.phone.linkFor(issued.ticket),
      ...(p.kind === 'staff' ? { qrPayload: s.phone.qrFor(issued.ticket) } : {}),
    };
  };
  // The phone page is public. A phone asks when it opens and once a minute (its socket brings the
  // rest), so each ticket gets a small budget, whichever form of its code (code, link) is asked.
  // The address's budget counts guesses (codes that are not genuine) only: a center's Wi-Fi puts
  // every phone behind one address, and one guest's script must not lock the whole hall out.
  const phoneAsksPerTicket = new TokenBuckets(30, 2_000);
  // A clip saved (or removed) whose journal note, which tells the screens, the disk refused: the
  // manager is told the clip is saved, and the note is written once the disk takes writes again.
  let voiceRetry: NodeJS.Timeout | null = null;
  const refusedByDisk = (err: unknown) => err instanceof HubError && err.code === 'STORAGE_UNAVAILABLE';
  const noteVoice = async (staffId: number | null): Promise<void> => {
    config.voiceChanged(staffId);
    await s.journal.settled();
  };
  const retryVoiceNote = (staffId: number | null): void => {
    if (voiceRetry !== null) return;
    voiceRetry = setTimeout(() => {
      voiceRetry = null;
      noteVoice(staffId).catch((err: unknown) => {
        if (refusedByDisk(err)) retryVoiceNote(staffId); // anything else (the hub stopped) ends the retries
      });
    }, 5_000);
    voiceRetry.unref();
  };
  const announceVoice = async (staffId: number | null): Promise<void> => {
    try {
      await noteVoice(staffId);
    } catch (err) {
      if (!refusedByDisk(err)) throw err;
      retryVoiceNote(staffId);
      throw new HubError('VOICE_CLIP_SAVED_NOT_ANNOUNCED');
    }
  };
  const phoneGuessesPerAddress = new TokenBuckets(600, 50);
  const limitPhone = (ip: string, code: string) => {
    const now = s.clock();
    const ticket = s.phone.budgetKey(code);
    const wait = ticket !== null ? phoneAsksPerTicket.take(ticket, now) : phoneGuessesPerAddress.take(ip, now);
    if (wait > 0) throw new HubError('RATE_LIMITED', { retryAfterMs: wait });
  };

  return {
    'hub:health': (_input, ctx) =>
      s.health.report(s.version, ctx.principal !== null && isSupervisor(ctx.principal) && !mustChangePassword(ctx.principal)),
    'auth:login': (input, ctx) => access.login(input.username, input.password, ctx.ip),
    'device:pair': (input, ctx) => access.pair(input.code, ctx.ip),
    'setup:status': () => ({ needed: access.setupNeeded() }),
    'setup:complete': (input, ctx) => access.completeSetup(input, ctx.ip),
    'auth:change-password': (input, ctx) =>
      access.changePassword(ctx.principal, input.currentPassword, input.newPassword, { setupCode: input.setupCode, ip: ctx.ip }),
    'auth:me': (_input, ctx) => access.me(ctx.principal),
    'auth:logout': (_input, ctx) => {
      access.logout(ctx.principal);
      return { ok: true };
    },
    // smsDown: the SMS transport's fault, for the kiosk not to offer texts it cannot send (#26)
    'center:get': () => ({ ...views.center(), smsDown: s.sms.floorFault() !== null }),
    'kiosk:voice': (input) => {
      const { voice, fields, pausedFields } = views.center();
      const reading = { style: voice.numberStyle, dialect: voice.dialect, tuAfterMuoi: voice.tuAfterMuoi };
      return kioskVoice(voice.pack, config.packClips(voice.pack), fields, reading, input.number ?? null, pausedFields);
    },
    'floor:get': (_input, ctx) => views.floor(ctx.principal.role === 'admin' || ctx.principal.role === 'manager'),
    'floor:close-counter': (input, ctx) => {
      access.closeAbandoned(input.id, ctx.principal);
      return { ok: true };
    },
    'floor:move-waiting': (input, ctx) => ({
      moved: engine.moveWaiting(input.fromFieldId, input.toFieldId, access.actorOf(ctx.principal)),
    }),
    'floor:find-ticket': (input) => ticketToWire(engine.ticketByNumber(input.number)),

    'ticket:issue': (input, ctx) =>
      issuePrinted(ctx.principal, (printOn) =>
        engine.issue(
          { fieldId: input.fieldId, priority: input.priority, source: sourceFor(ctx.principal, input.source), lang: input.lang },
          access.actorOf(ctx.principal),
          printOn,
        ),
      ),
    'ticket:get': (input) => engine.ticketWithWait(input.id),
    'rating:phone': (input, ctx) => {
      limitPhone(ctx.ip, input.code);
      s.phone.rate(input.code, input.level);
      return { ok: true };
    },
    'ticket:public': (input, ctx) => {
      limitPhone(ctx.ip, input.code);
      return s.phone.read(input.code);
    },

    'counter:open': (input, ctx) => {
      access.openCounter(ctx.principal, input.counterId);
      return withSms(views.desk(input.counterId));
    },
    'counter:close': (_input, ctx) => {
      access.closeCounter(ctx.principal);
      return { ok: true };
    },
    'counter:pause': (input, ctx) => {
      engine.pause(access.requireCounter(ctx.principal), ctx.principal.kind === 'staff' ? ctx.principal.staff.id : 0, input.reason);
      return desk(ctx.principal);
    },
    'counter:resume': (_input, ctx) => {
      engine.resume(access.requireCounter(ctx.principal), ctx.principal.kind === 'staff' ? ctx.principal.staff.id : 0);
      return desk(ctx.principal);
    },
    'counter:get': (_input, ctx) => desk(ctx.principal),
    'counter:call-next': (_input, ctx) => ticketToWire(engine.callNext(access.actorOf(ctx.principal))),
    'counter:call': (input, ctx) => ticketToWire(engine.callGiven(input.ticketId, access.actorOf(ctx.principal))),
    'ticket:recall': (input, ctx) => ticketToWire(engine.recall(input.id, access.actorOf(ctx.principal))),
    'ticket:sms': (input, ctx) => s.sms.attach(input.id, input.phone, access.actorOf(ctx.principal)),
    'ticket:start': (input, ctx) => ticketToWire(engine.start(input.id, access.actorOf(ctx.principal))),
    'ticket:finish': (input, ctx) => ticketToWire(engine.finish(input.id, access.actorOf(ctx.principal))),
    'ticket:no-show': (input, ctx) => ticketToWire(engine.noShow(input.id, access.actorOf(ctx.principal))),
    'ticket:reactivate': (input, ctx) => ticketToWire(engine.reactivate(input.id, access.actorOf(ctx.principal))),
    'ticket:transfer': (input, ctx) =>
      ticketToWire(
        engine.transfer(input.id, { fieldId: input.fieldId, counterId: input.counterId, note: input.note }, access.actorOf(ctx.principal)),
      ),
    'ticket:cancel': (input, ctx) => ticketToWire(engine.cancel(input.id, access.actorOf(ctx.principal))),

    'print:claim': (input, ctx) => s.printing.claim(deviceOf(ctx.principal), input.waitMs),
    'print:report': (input, ctx) =>
      s.printing.report(deviceOf(ctx.principal), input.id, input.status, input.reason, input.confirmed ?? true, input.paperLow ?? false),
    'print:get': (input, ctx) => s.printing.get(input.id, ctx.principal.kind === 'device' ? ctx.principal.device.id : null, input.waitMs),
    'print:reprint': (input, ctx) => s.printing.reprint(input.id, ctx.principal.kind === 'device' ? ctx.principal.device.id : null),
    'print:jobs': (input) => s.printing.recent(input.deviceId ?? null),
    'print:test': (input) => s.printing.testPrint(input.printer),
    'print:preview': (input) => s.printing.preview(input.widthDots),
    'printer:report-status': (input, ctx) => {
      s.printing.reportStatus(deviceOf(ctx.principal), input.ok, input.fault, input.paperLow ?? false);
      return { ok: true };
    },
    'devices:set-printer': (input, ctx) => {
      const device = s.printing.setPrinter(input.id, input.printer, staffIdOf(ctx.principal));
      // A refused commit is the request's own answer (http.ts awaits it too), never an unhandled rejection.
      void s.journal.settled().then(
        () => s.printersChanged(),
        () => undefined,
      );
      return device;
    },

    'scan:read': (input) => s.scanning.read(input.text),
    'scan:issue': (input, ctx) => {
      deviceOf(ctx.principal); // kiosks only: FORBIDDEN for anyone else
      return issuePrinted(ctx.principal, (printOn) =>
        s.scanning.issue(
          input.text,
          { fieldId: input.fieldId, priority: input.priority, lang: input.lang },
          access.actorOf(ctx.principal),
          printOn,
        ),
      );
    },
    'appointments:create': (input) => s.appointments.createQuick(input.fieldId, input.validMinutes),
    'appointments:book': (input, ctx) => s.appointments.create(input, ctx.principal.kind === 'staff' ? ctx.principal.staff.id : null),
    'appointments:list': (input) => s.appointments.list(input.day),

    'rating:submit': (input, ctx) => {
      s.ratings.submit(
        ctx.principal.kind === 'device' ? ctx.principal.device.counterId : null,
        input.ticketId,
        input.level,
        input.reasons,
        input.comment ?? null,
      );
      return { ok: true };
    },
    'rating:timeout': (input, ctx) => {
      s.ratings.timedOut(ctx.principal.kind === 'device' ? ctx.principal.device.counterId : null, input.ticketId);
      return { ok: true };
    },
    'ratings:verify': () => verifyRatingChain(s.db),
    'stats:report': (input) => s.statsReport(input),
    'stats:export': ({ format, table, csvStyle, reportNo, ...query }) => s.exports.start(query, format, { table, csvStyle, reportNo }),
    'stats:export-status': ({ id }) => s.exports.status(id),
    'stats:export-file': ({ id }) => s.exports.file(id),

    'fields:list': () => config.listFields(),
    'fields:create': (input, ctx) => config.saveField(input, staffIdOf(ctx.principal)),
    'fields:update': (input, ctx) => config.saveField(input, staffIdOf(ctx.principal)),
    'counters:list': () => config.listCounters(),
    'counters:create': (input, ctx) => config.saveCounter(input, staffIdOf(ctx.principal)),
    'counters:update': (input, ctx) => config.saveCounter(input, staffIdOf(ctx.principal)),
    'staff:list': () => config.listStaff(),
    'staff:create': (input, ctx) => config.saveStaff(input, staffIdOf(ctx.principal)),
    'staff:update': (input, ctx) => config.saveStaff(input, staffIdOf(ctx.principal)),
    'devices:list': () => access.listDevices(),
    'devices:create': (input, ctx) => access.createDevice(input, staffIdOf(ctx.principal)),
    'devices:new-code': (input, ctx) => access.newCode(input.id, staffIdOf(ctx.principal)),
    'devices:revoke': (input, ctx) => access.revoke(input.id, staffIdOf(ctx.principal)),
    'settings:get': () => config.getSettings(),
    'settings:update': (input, ctx) => config.saveSettings(input, staffIdOf(ctx.principal)),
    'settings:phone-addresses': () => s.phoneAddresses(),
    'voice:preview': (input) => config.previewVoice(input),
    'voice-clips:list': () => s.voice.list(),
    'voice-clips:save': async (input, ctx) => {
      const list = s.voice.save(input.key, Buffer.from(input.wav, 'base64'));
      await announceVoice(staffIdOf(ctx.principal));
      return list;
    },
    'voice-clips:delete': async (input, ctx) => {
      const list = s.voice.remove(input.key);
      await announceVoice(staffIdOf(ctx.principal));
      return list;
    },
    'voice-clips:call': (input) => s.voice.call(input.so, input.quay),

    'journal:list': (input) => ({ events: s.journal.after(input.since, input.limit), head: s.journal.head() }),
    'audit:list': (input) => s.audit.page(input, engine.serviceDay()),
    'province-link:get': () => s.provinceLink.status(),
    'province-link:join': (input) => s.provinceLink.join(input.url, input.code, input.shareNames),
    'province-link:share-names': (input) => s.provinceLink.setShareNames(input.shareNames),
    'province-link:remove': () => s.provinceLink.unlink(),
    'province-link:catalogue': () => s.provinceLink.catalogueOffer(),
    'province-link:catalogue-accept': (input, ctx) =>
      s.provinceLink.acceptCatalogue(input.version, ctx.principal.kind === 'staff' ? ctx.principal.staff.id : null),
    'backups:list': () => s.backups.status(),
    'backups:create': () => s.backups.create(),
  };
}
