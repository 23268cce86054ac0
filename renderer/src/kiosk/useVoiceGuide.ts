// The speaking kiosk ("Hướng dẫn bằng giọng nói", issue #26 part 2), for citizens who cannot read
// the screen: offered only when the center's voice pack can say all it might say; once on, it says
// what the screen offers, a field's name on a first touch, takes the ticket on a second touch of
// the same field and reads the number back; the paging buttons work the same way (`paging`), and
// so does the priority button (`priority`).
// The hub composes the words ('kiosk:voice', main/voice/kioskSpeech.ts); this plays them, each
// touch cutting off what was being said.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CenterInfo, Field, KioskVoice } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { AnnouncementPlayer } from '../display/audio.ts';
import {
  freshGuide,
  pageButtonWords,
  pageWords,
  priorityButtonWords,
  touchField,
  touchPageButton,
  touchPriority,
  type GuideState,
  type PageButton,
  type PagePlace,
} from './voiceTouch.ts';

declare global {
  interface Window {
    /** The kiosk's player: its log is what the kiosk said, for support and tests. */
    __motcuaKioskVoice?: AnnouncementPlayer;
  }
}

export interface VoiceGuide {
  /** The pack can say everything: the toggle is shown. */
  available: boolean;
  on: boolean;
  setOn: (on: boolean) => void;
  /** The field whose name was said last (shown as chosen: a second touch takes its ticket). */
  heardFieldId: number | null;
  /** A touch on a field: off, it takes the ticket at once; on, the first touch says the name. */
  touch: (field: Field, take: () => void) => void;
  /** A touch on a paused or full field, with the mode on: its name and that it takes no tickets now. */
  notTaking: (fieldId: number) => void;
  /** The home screen's paging buttons, in the mode. */
  paging: VoicePaging;
  /** The priority button, in the mode. */
  priority: VoicePriority;
}

/** The paging buttons in voice guidance, for the home screen whose fields take more than one page. */
export interface VoicePaging {
  /** The pack can say the paging words too: a kiosk whose fields take more than one page offers the mode only then. */
  available: boolean;
  /** The paging button said last (shown as chosen: a second touch turns the page). */
  heardButton: PageButton | null;
  /** The page shown, while the fields take more than one: said after the offer when the mode starts. */
  showing: (place: PagePlace | null) => void;
  /**
   * A touch on a paging button: with the mode off it calls `turn`; on, the first says what it does
   * and where the citizen is (`here`), a second soon after calls `turn` and says the page arrived at
   * (`there`; null when there is no page that way, and the touch is only said).
   */
  touch: (button: PageButton, here: PagePlace, there: PagePlace | null, turn: () => void) => void;
}

/** The priority button in voice guidance: a touch says what it is first, as a field's does. */
export interface VoicePriority {
  /** The priority button was said last (shown as chosen: a second touch turns it). */
  heard: boolean;
  /**
   * A touch on the priority button, `chosen` its state now: with the mode off it calls `toggle`; on,
   * the first says what it is and what a second does, a second soon after calls `toggle` and says the new state.
   */
  touch: (chosen: boolean, toggle: () => void) => void;
}

/** Said close to one citizen, at the kiosk's own volume: no chime, once. */
const SPEAK = { repeat: 1, volume: 1, chime: false };
/** KIOSK_SPEECH.notTaking (main/voice/kioskSpeech.ts), for a field the hub's last answer did not know yet. */
const KIOSK_NOT_TAKING = 'tạm ngừng nhận số';

/**
 * `center`: asked again whenever the kiosk reloads it (fields renamed, the pack changed).
 * `ticketNumber`: the number on screen now, read back once when it appears with the mode on.
 */
export function useVoiceGuide(token: string | null, center: CenterInfo | null, ticketNumber: number | null): VoiceGuide {
  const [words, setWords] = useState<KioskVoice | null>(null);
  useEffect(() => {
    if (!token || !center) return;
    let live = true;
    api('kiosk:voice', {}, token)
      .then((v) => live && setWords(v))
      // Not known: not offered, and the kiosk goes on without a voice.
      .catch(() => live && setWords(null));
    return () => {
      live = false;
    };
  }, [token, center]);

  const pack = words?.pack ?? null;
  const player = useMemo(() => (pack ? new AnnouncementPlayer(`/voice/${pack}`) : null), [pack]);
  useEffect(() => {
    if (player) window.__motcuaKioskVoice = player;
  }, [player]);
  const available = words?.available ?? false;

  const [on, setOnState] = useState(false);
  const [heard, setHeardState] = useState<GuideState['heard']>(null);
  const guide = useRef(freshGuide);
  const setGuide = useCallback((state: GuideState) => {
    guide.current = state;
    setHeardState(state.heard);
  }, []);
  const heardFieldId = heard !== null && 'fieldId' in heard ? heard.fieldId : null;
  const heardButton = heard !== null && 'button' in heard ? heard.button : null;
  const heardPriority = heard !== null && 'priority' in heard;
  /** The page the home screen shows, while its fields take more than one (KioskHome tells). */
  const place = useRef<PagePlace | null>(null);

  /** Whatever was being said stops: the citizen's latest touch is the one answered. */
  const say = useCallback(
    (spoken: readonly string[]) => {
      if (!player) return;
      player.interrupt();
      if (spoken.length > 0) void player.enqueue(spoken, SPEAK);
    },
    [player],
  );

  const offer = words?.offer;
  const paging = words?.paging;
  const setOn = useCallback(
    (next: boolean) => {
      setGuide(freshGuide);
      setOnState(next);
      if (!next) return player?.interrupt();
      // The toggle's tap is the gesture that lets the page make sound.
      void player?.unlock();
      // On a paged screen, the page the citizen is on follows: "trang một trên tổng số ba trang, có …".
      const p = place.current;
      say([...(offer ?? []), ...(p && paging?.available ? [',', ...pageWords(paging, p)] : [])]);
    },
    [player, offer, paging, say, setGuide],
  );

  // The pack can no longer say it all (a clip removed, another pack chosen): the mode goes quietly.
  useEffect(() => {
    if (on && !available) setOn(false);
  }, [on, available, setOn]);

  const touch = (field: Field, take: () => void) => {
    if (!on) return take();
    const out = touchField(guide.current, field.id, Date.now());
    setGuide(out.state);
    if (out.take) {
      player?.interrupt();
      return take();
    }
    say(words?.fields.find((f) => f.fieldId === field.id)?.words ?? []);
  };

  const notTaking = (fieldId: number) => {
    if (!on) return;
    // Not a first touch of anything: a touch elsewhere and back again is a new first touch.
    setGuide(freshGuide);
    say(words?.notTaking.find((f) => f.fieldId === fieldId)?.words ?? [KIOSK_NOT_TAKING]);
  };

  const spoken = useRef<number | null>(null);
  useEffect(() => {
    if (ticketNumber === spoken.current) return;
    spoken.current = ticketNumber;
    if (!on || ticketNumber === null || !token) return;
    let live = true;
    api('kiosk:voice', { number: ticketNumber }, token)
      .then((v) => live && v.ticket && say(v.ticket))
      .catch(() => undefined); // the number stays on screen and on the ticket: silence is the fallback
    return () => {
      live = false;
    };
  }, [on, ticketNumber, token, say]);

  const pagingGuide = useMemo<VoicePaging>(
    () => ({
      available: available && (paging?.available ?? false),
      heardButton,
      showing: (p) => {
        place.current = p;
      },
      touch: (button, here, there, turn) => {
        if (!on || !paging) {
          if (there) turn();
          return;
        }
        const out = touchPageButton(guide.current, button, there !== null, Date.now());
        setGuide(out.state);
        if (out.turn && there) {
          turn();
          return say(pageWords(paging, there));
        }
        say(pageButtonWords(paging, button, here, there !== null));
      },
    }),
    [available, paging, on, heardButton, say, setGuide],
  );
  const priorityWords = words?.priority;
  const priorityGuide = useMemo<VoicePriority>(
    () => ({
      heard: on && heardPriority,
      touch: (chosen, toggle) => {
        if (!on || !priorityWords) return toggle();
        const out = touchPriority(guide.current, Date.now());
        setGuide(out.state);
        if (out.toggle) toggle();
        say(priorityButtonWords(priorityWords, chosen, out.toggle));
      },
    }),
    [on, heardPriority, priorityWords, say, setGuide],
  );
  return { available, on, setOn, heardFieldId, touch, notTaking, paging: pagingGuide, priority: priorityGuide };
}
