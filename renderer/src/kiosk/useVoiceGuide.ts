// The speaking kiosk ("Hướng dẫn bằng giọng nói", issue #26 part 2), for citizens who cannot read
// the screen: offered only when the center's voice pack can say all it might say; once on, it says
// what the screen offers, a field's name on a first touch, takes the ticket on a second touch of
// the same field and reads the number back. The hub composes the words ('kiosk:voice',
// main/voice/kioskSpeech.ts); this plays them, each touch cutting off what was being said.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CenterInfo, Field, KioskVoice } from '../../../main/contract/index.ts';
import { api } from '../api.ts';
import { AnnouncementPlayer } from '../display/audio.ts';
import { freshGuide, touchField } from './voiceTouch.ts';

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
  const [heardFieldId, setHeard] = useState<number | null>(null);
  const guide = useRef(freshGuide);

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
  const setOn = useCallback(
    (next: boolean) => {
      guide.current = freshGuide;
      setHeard(null);
      setOnState(next);
      if (!next) return player?.interrupt();
      // The toggle's tap is the gesture that lets the page make sound.
      void player?.unlock();
      say(offer ?? []);
    },
    [player, offer, say],
  );

  // The pack can no longer say it all (a clip removed, another pack chosen): the mode goes quietly.
  useEffect(() => {
    if (on && !available) setOn(false);
  }, [on, available, setOn]);

  const touch = (field: Field, take: () => void) => {
    if (!on) return take();
    const out = touchField(guide.current, field.id, Date.now());
    guide.current = out.state;
    setHeard(out.state.heard?.fieldId ?? null);
    if (out.take) {
      player?.interrupt();
      return take();
    }
    say(words?.fields.find((f) => f.fieldId === field.id)?.words ?? []);
  };

  const notTaking = (fieldId: number) => {
    if (!on) return;
    // Not a first touch of anything: a touch elsewhere and back again is a new first touch.
    guide.current = freshGuide;
    setHeard(null);
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

  return { available, on, setOn, heardFieldId, touch, notTaking };
}
