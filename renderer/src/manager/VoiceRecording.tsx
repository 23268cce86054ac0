// "Thu âm giọng đọc": the staff record the center's own voice clip by clip with the PC's
// microphone, hear each take, redo it, listen to a whole call, and put the pack in use. The hub
// trims and levels every take (main/voice/clipAudio.ts); this screen only records and sends WAV.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VoiceClip, VoiceClipList } from '../../../main/contract/index.ts';
import { api, errorText } from '../api.ts';
import { ConfirmDialog } from '../common/Dialog.tsx';
import { ErrorNote } from '../common/ui.tsx';
import { AnnouncementPlayer } from '../display/audio.ts';
import type { ManagerContext } from './Manager.tsx';
import { voiceText } from './voiceText.ts';

const GROUPS = ['phrase', 'number', 'field', 'kiosk'] as const;
/**
 * A take stops by itself after this long: a recording left running is sent and judged (the hub
 * refuses more than 10 s of speech with its reason) instead of growing past what the hub accepts.
 */
export const MAX_TAKE_MS = 20_000;
/**
 * Takes are sent at this rate whatever the microphone's (48 kHz, or 96 kHz on some sound cards):
 * ample for speech (the built-in pack is 22.05 kHz), and a whole take of MAX_TAKE_MS stays well
 * under the hub's 2 MB limit (20 s is 0.96 MB, 1.3 MB in base64).
 */
const TAKE_RATE = 24_000;

declare global {
  interface Window {
    __motcuaPlayer?: AnnouncementPlayer;
  }
}

/** 16-bit PCM mono WAV: what the hub reads (main/voice/loudness.ts readWav). */
function wavOf(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const tag = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  tag(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((v, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, v)) * 32767), true));
  return bytes;
}

function base64Of(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

/**
 * A take from the microphone: MediaRecorder's own format (Opus in WebM on Chromium), decoded by the
 * browser and sent as WAV, the one format the hub needs to read. The browser's voice processing is
 * off: its gain control and noise gate would fight the hub's levelling and trimming.
 */
class Take {
  private constructor(
    private readonly stream: MediaStream,
    private readonly recorder: MediaRecorder,
    private readonly chunks: Blob[],
  ) {}

  static async start(): Promise<Take> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
    });
    const chunks: Blob[] = [];
    const recorder = new MediaRecorder(stream);
    recorder.ondataavailable = (e) => chunks.push(e.data);
    recorder.start();
    return new Take(stream, recorder, chunks);
  }

  async stop(): Promise<Uint8Array> {
    const stopped = new Promise<void>((resolve) => (this.recorder.onstop = () => resolve()));
    this.recorder.stop();
    await stopped;
    for (const track of this.stream.getTracks()) track.stop();
    // decodeAudioData resamples to the context's rate.
    const ctx = new AudioContext({ sampleRate: TAKE_RATE });
    try {
      const audio = await ctx.decodeAudioData(await new Blob(this.chunks).arrayBuffer());
      return wavOf(audio.getChannelData(0), audio.sampleRate);
    } finally {
      void ctx.close();
    }
  }
}

export function VoiceRecording({ token, lang, center }: ManagerContext) {
  const [list, setList] = useState<VoiceClipList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [so, setSo] = useState('1024');
  const [quay, setQuay] = useState('4');
  const take = useRef<Take | null>(null);
  /** The recorded clip whose "Xóa" was pressed: asked first, a take is not deleted by a slip beside "Nghe". */
  const [deleting, setDeleting] = useState<string | null>(null);
  /** The clip the staff chose last; by default the first one not recorded yet. */
  const [chosen, setChosen] = useState<string | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const t = voiceText;

  const reload = useCallback(async () => setList(await api('voice-clips:list', {}, token)), [token]);
  useEffect(() => {
    void reload().catch((err: unknown) => setError(errorText(err, lang)));
  }, [reload, lang]);
  // A take left running when the screen closes frees the microphone.
  useEffect(() => () => void take.current?.stop().catch(() => undefined), []);

  const inUse = center?.voice.pack === list?.pack;
  // Whether the kiosks offer voice guidance now: they do only with every clip they need and the
  // center's pack in use, so a field renamed after recording takes it away until recorded again.
  // A kiosk whose fields take more than one page (landscape, large text) also needs the paging clips.
  const [kioskSpeaks, setKioskSpeaks] = useState<'always' | 'onePage' | 'no' | null>(null);
  useEffect(() => {
    if (!list) return;
    let live = true;
    api('kiosk:voice', {}, token)
      .then((v) => live && setKioskSpeaks(!v.available ? 'no' : v.paging.available ? 'always' : 'onePage'))
      .catch(() => live && setKioskSpeaks(null));
    return () => {
      live = false;
    };
  }, [list, token, center?.voice.pack]);
  const samplePlayer = useRef<AnnouncementPlayer | null>(null);

  const record = async (key: string) => {
    setError(null);
    setChosen(key);
    try {
      take.current = await Take.start();
      setRecording(key);
    } catch {
      setError(t.noMicrophone[lang]);
    }
  };
  const stop = async (key: string) => {
    const current = take.current;
    take.current = null;
    setRecording(null);
    if (!current) return;
    setSaving(key);
    try {
      const wav = await current.stop();
      const next = await api('voice-clips:save', { key, wav: base64Of(wav) }, token);
      setList(next);
      // Kept: on to the next clip not recorded, after this one in the list's order.
      const at = next.clips.findIndex((c) => c.key === key);
      const after = [...next.clips.slice(at + 1), ...next.clips.slice(0, at)].find((c) => !c.file);
      setChosen(after?.key ?? key);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setSaving(null);
    }
  };
  const stopRef = useRef(stop);
  stopRef.current = stop;
  // While a take runs: its seconds on screen, and a take left running stops by itself.
  useEffect(() => {
    if (recording === null) return;
    const started = Date.now();
    setElapsed(0);
    const tick = setInterval(() => {
      const ms = Date.now() - started;
      setElapsed(ms);
      if (ms >= MAX_TAKE_MS) void stopRef.current(recording);
    }, 250);
    return () => clearInterval(tick);
  }, [recording]);

  const current = list?.clips.find((c) => c.key === (recording ?? chosen)) ?? list?.clips.find((c) => !c.file) ?? null;
  const toggle = () => {
    if (saving !== null || !current) return;
    if (recording !== null) void stop(recording);
    else void record(current.key);
  };
  const toggleRef = useRef(toggle);
  toggleRef.current = toggle;
  // The space bar records and stops the clip shown big, whatever has the focus but a text box (which
  // types the space), a box or option the space bar ticks (it has no other key) and an open dialog.
  // A button takes no space here (Enter still presses it): the tab's own button keeps the focus
  // once the tab is opened, and the space bar did nothing there.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.repeat || e.ctrlKey || e.altKey || e.metaKey) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('input:not([type=button]):not([type=submit]), textarea, select, [contenteditable], [role=dialog]')) return;
      e.preventDefault();
      toggleRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const remove = async (key: string) => {
    setError(null);
    try {
      setList(await api('voice-clips:delete', { key }, token));
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  const listen = (clip: VoiceClip) => {
    if (!list || !clip.file) return;
    void new Audio(`/voice/${list.pack}/${clip.file}`).play();
  };
  const sample = async () => {
    if (!list || !center) return;
    setError(null);
    try {
      const call = await api('voice-clips:call', { so: Number(so), quay: Number(quay) }, token);
      // A second "Nghe thử" replaces the first call rather than talking over it.
      samplePlayer.current?.interrupt();
      const player = new AnnouncementPlayer(`/voice/${list.pack}`);
      samplePlayer.current = player;
      window.__motcuaPlayer = player; // the play log, for support and tests
      await player.unlock();
      await player.enqueue(call.words, { repeat: 1, volume: center.voice.volume, chime: center.voice.chime });
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  /** The pack in use is a setting like any other: every hall display follows it live. */
  const use = async (own: boolean) => {
    if (!list) return;
    setError(null);
    try {
      const settings = await api('settings:get', {}, token);
      await api('settings:update', { ...settings, voice: { ...settings.voice, pack: own ? list.pack : list.fallback } }, token);
    } catch (err) {
      setError(errorText(err, lang));
    }
  };

  if (!list) return <ErrorNote text={error} />;
  const seconds = (ms: number) => (ms / 1000).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  return (
    <section className="voice-recording" data-testid="voice-recording">
      <h2>{t.tab[lang]}</h2>
      <p className="muted">{t.intro[lang]}</p>
      <label className="check">
        <input type="checkbox" data-testid="voice-use" checked={inUse} onChange={(e) => void use(e.target.checked)} />
        {t.useOwn[lang]}
      </label>
      <p className="muted" data-testid="voice-in-use">
        {inUse ? t.inUse[lang] : t.notInUse[lang]}
      </p>
      {kioskSpeaks !== null && (
        <p className={kioskSpeaks === 'no' ? 'muted' : 'ok'} data-testid="voice-kiosk">
          {kioskSpeaks === 'always'
            ? t.kioskSpeaks[lang]
            : kioskSpeaks === 'onePage'
              ? t.kioskSpeaksOnePage[lang]
              : inUse
                ? t.kioskMissing[lang]
                : t.kioskNotInUse[lang]}
        </p>
      )}
      <div className="voice-sample">
        <strong>{t.sampleTitle[lang]}</strong>
        <label>
          {t.sampleNumber[lang]}
          <input
            data-testid="voice-sample-number"
            inputMode="numeric"
            maxLength={6}
            value={so}
            onChange={(e) => setSo(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <label>
          {t.sampleCounter[lang]}
          <input
            data-testid="voice-sample-counter"
            inputMode="numeric"
            maxLength={4}
            value={quay}
            onChange={(e) => setQuay(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button type="button" data-testid="voice-sample-play" disabled={so === '' || quay === ''} onClick={() => void sample()}>
          {t.samplePlay[lang]}
        </button>
      </div>
      <div className="voice-current" data-testid="voice-current" data-key={current?.key ?? ''}>
        <div className="voice-current-progress">
          <progress value={list.recorded} max={list.total} />
          <strong data-testid="voice-progress">{t.progress[lang](list.recorded, list.total)}</strong>
        </div>
        {current ? (
          <>
            <p className="muted">
              {t.groups[current.group][lang]} ·{' '}
              {saving === current.key
                ? t.saving[lang]
                : recording === current.key
                  ? t.recordingFor[lang](seconds(elapsed), seconds(MAX_TAKE_MS))
                  : current.file
                    ? t.recorded[lang](seconds(current.durationMs ?? 0))
                    : t.missing[lang]}
            </p>
            <p className="voice-say" lang="vi" data-testid="voice-current-text">
              {current.key}
            </p>
            <div className="voice-current-actions">
              <button
                type="button"
                className={recording !== null ? 'danger' : 'primary'}
                data-testid="voice-current-toggle"
                disabled={saving !== null || (recording !== null && recording !== current.key)}
                onClick={toggle}
              >
                {recording !== null ? t.stopKey[lang] : current.file ? t.recordAgainKey[lang] : t.recordKey[lang]}
              </button>
              {current.file && recording === null && (
                <button type="button" onClick={() => listen(current)}>
                  {t.listen[lang]}
                </button>
              )}
            </div>
            <p className="muted">{t.howTo[lang]}</p>
          </>
        ) : (
          <p>{t.allRecorded[lang]}</p>
        )}
        <ErrorNote text={error} />
      </div>
      {GROUPS.map((group) => {
        const clips = list.clips.filter((c) => c.group === group);
        if (clips.length === 0) return null;
        return (
          <div key={group}>
            <h3>{t.groups[group][lang]}</h3>
            <table className="voice-clips">
              <tbody>
                {clips.map((c) => (
                  <tr
                    key={c.key}
                    data-testid="voice-clip"
                    data-key={c.key}
                    data-recorded={c.file ? 'yes' : 'no'}
                    className={current?.key === c.key ? 'voice-current-row' : undefined}
                  >
                    <td lang="vi">{c.key}</td>
                    <td className={c.file ? 'ok' : 'muted'}>
                      {saving === c.key
                        ? t.saving[lang]
                        : recording === c.key
                          ? t.recording[lang]
                          : c.file
                            ? t.recorded[lang](seconds(c.durationMs ?? 0))
                            : t.missing[lang]}
                    </td>
                    <td>
                      {recording === c.key ? (
                        <button type="button" data-testid="voice-stop" onClick={() => void stop(c.key)}>
                          {t.stop[lang]}
                        </button>
                      ) : (
                        <button
                          type="button"
                          data-testid="voice-record"
                          disabled={recording !== null || saving !== null}
                          onClick={() => void record(c.key)}
                        >
                          {c.file ? t.recordAgain[lang] : t.record[lang]}
                        </button>
                      )}
                      {c.file && (
                        <>
                          <button type="button" data-testid="voice-clip-listen" onClick={() => listen(c)}>
                            {t.listen[lang]}
                          </button>
                          <button type="button" data-testid="voice-delete" disabled={recording !== null} onClick={() => setDeleting(c.key)}>
                            {t.remove[lang]}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      {deleting !== null && (
        <ConfirmDialog
          title={t.removeTitle[lang](deleting)}
          explain={t.removeExplain[lang]}
          confirm={t.removeConfirm[lang]}
          back={t.keep[lang]}
          testId="voice-delete"
          onConfirm={() => void remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
