// A keyboard on the tablet itself (a public tablet has no system keyboard to rely on): letters,
// the Vietnamese vowels and đ, and the five tones, applied as Vietnamese spelling places them.
import { applyTone, KEY_ROWS as ROWS, TONE_KEYS as TONES } from './vietKeys.ts';

export function VietKeyboard(props: { value: string; max: number; onChange: (text: string) => void }) {
  const type = (s: string) => props.onChange((props.value + s).slice(0, props.max));
  return (
    <div className="viet-keyboard" data-testid="keyboard">
      {ROWS.map((row) => (
        <div key={row} className="keys">
          {[...row].map((k) => (
            <button key={k} type="button" data-key={k} onClick={() => type(k)}>
              {k}
            </button>
          ))}
          {row === 'zxcvbnm' && (
            <button
              type="button"
              data-key="backspace"
              className="wide-key"
              onClick={() => props.onChange([...props.value].slice(0, -1).join(''))}
            >
              ⌫
            </button>
          )}
        </div>
      ))}
      <div className="keys">
        {TONES.map(([tone, mark, name]) => (
          <button key={tone} type="button" data-key={tone} title={name} onClick={() => props.onChange(applyTone(props.value, tone))}>
            {mark.trim() || name}
            <small>{name}</small>
          </button>
        ))}
        <button type="button" data-key="space" className="space-key" onClick={() => type(' ')}>
          ␣
        </button>
      </div>
    </div>
  );
}
