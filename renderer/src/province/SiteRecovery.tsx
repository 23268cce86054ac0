// A site whose hub came back from a backup: a mark on its row (a button, so a keyboard reaches it)
// opening what happened (when, the sequences the two journals share, what was set aside) and the
// tickets the province holds that the center lost, by the number the citizen holds and its last state.
import { useState } from 'react';
import { TicketStatus, type JournalMove, type JournalRecovery, type SiteLive } from '../../../main/contract/index.ts';
import type { Lang } from '../api.ts';
import { Dialog } from '../common/Dialog.tsx';
import { dateTime, int } from '../common/format.ts';
import { oneOf } from '../common/choice.ts';
import { texts } from '../common/text.ts';
import { PROVINCE_TZ } from './provinceApi.ts';
import { provinceText, ticketStateText } from './provinceText.ts';

/** HH:MM dd/mm in the province's time zone: short enough for a row. */
function shortWhen(ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: PROVINCE_TZ,
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.hour}:${p.minute} ${p.day}/${p.month}`;
}

/** The site's journal moved to another (its hub joined a new site), or came from one: said on its row. */
export function JournalMoveNote({ site, lang }: { site: SiteLive; lang: Lang }) {
  const t = texts(provinceText, lang);
  const move = site.journalMove;
  if (!move) return null;
  return (
    <div className="journal-move" data-testid={`journal-move-${site.id}`}>
      {move.fromSiteId === site.id ? t.movedTo(move.toSiteName, shortWhen(move.at)) : t.movedFrom(move.fromSiteName, shortWhen(move.at))}
    </div>
  );
}

/** This site's journal left it: its figures are counted at the new site. */
export function movedAway(site: SiteLive): site is SiteLive & { journalMove: JournalMove } {
  return site.journalMove?.fromSiteId === site.id;
}

export function RecoveryMark({ site, lang }: { site: SiteLive; lang: Lang }) {
  const t = texts(provinceText, lang);
  const [open, setOpen] = useState(false);
  const recovery = site.recovery;
  if (!recovery) return null;
  const when = shortWhen(recovery.at);
  return (
    <>
      <button
        type="button"
        className="small recovery-mark"
        data-testid={`recovery-${site.id}`}
        aria-label={t.recoveredMarkOf(site.name, when)}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t.recoveredMark(when)}
      </button>
      {open && <RecoveryDialog name={site.name} recovery={recovery} lang={lang} onClose={() => setOpen(false)} />}
    </>
  );
}

function RecoveryDialog(props: { name: string; recovery: JournalRecovery; lang: Lang; onClose: () => void }) {
  const { recovery: r, lang } = props;
  const t = texts(provinceText, lang);
  const n = (v: number) => int(v, lang);
  // The old epoch's part from the resend point on went to `superseded_events` (province/DESIGN.md).
  const setAside = Math.max(0, r.provinceHad - r.resentFrom + 1);
  // The province keeps a lost ticket's status as the hub sent it: a word for each one the contract knows.
  const stateWord = (s: string) => oneOf(TicketStatus.options, s) ?? null;
  const stateText = (s: string) => {
    const known = stateWord(s);
    return known === null ? s : ticketStateText[known][lang];
  };
  return (
    <Dialog title={t.recoveryTitle(props.name)} testId="recovery-dialog" onClose={props.onClose}>
      <p>{t.recoveryWhat(dateTime(r.at, PROVINCE_TZ), r.epochNo)}</p>
      <table className="grid compact">
        <tbody>
          <tr>
            <th scope="row">{t.recoveryCommon}</th>
            <td className="num">{n(r.commonSeq)}</td>
          </tr>
          <tr>
            <th scope="row">{t.recoveryHad}</th>
            <td className="num">{n(r.provinceHad)}</td>
          </tr>
          <tr>
            <th scope="row">{t.recoveryResent}</th>
            <td className="num">{n(r.resentFrom)}</td>
          </tr>
          <tr>
            <th scope="row">{t.recoverySetAside}</th>
            <td className="num" data-testid="recovery-set-aside">
              {setAside === 0 ? '0' : t.recoverySetAsideRange(n(setAside), n(r.resentFrom), n(r.provinceHad))}
            </td>
          </tr>
        </tbody>
      </table>
      {r.lostCount === 0 ? (
        <p>{t.lostNone}</p>
      ) : (
        <>
          <h3>{t.lostTitle(n(r.lostCount))}</h3>
          {r.lost.length < r.lostCount && <p className="muted">{t.lostShown(n(r.lost.length), n(r.lostCount))}</p>}
          <div className="recovery-lost" tabIndex={0} role="region" aria-label={t.lostTitle(n(r.lostCount))}>
            <table className="grid compact" data-testid="recovery-lost">
              <thead>
                <tr>
                  <th>{t.ticketNumber}</th>
                  <th>{t.issuedAt}</th>
                  <th>{t.lastState}</th>
                </tr>
              </thead>
              <tbody>
                {r.lost.map((x) => (
                  <tr key={x.ticketId}>
                    <td className="num strong">{x.number}</td>
                    <td>{dateTime(x.issuedAt, PROVINCE_TZ)}</td>
                    <td>{stateText(x.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="row">
        <button type="button" data-autofocus onClick={props.onClose}>
          {t.close}
        </button>
      </div>
    </Dialog>
  );
}
