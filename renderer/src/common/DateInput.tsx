// Dates as dd/mm/yyyy and times as 24-hour hh:mm, whatever the browser's language: a native
// <input type=date> or <input type=time> follows the PC's locale (mm/dd/yyyy and AM/PM on an
// English Windows), which is not how a Vietnamese office reads a date. Text inputs with a mask;
// the value given and taken stays the wire's ISO form (YYYY-MM-DD, HH:MM).
import { useEffect, useState } from 'react';
import { dateInputText, dmyToIso, isoToDmy, maskDate, maskTime, parseTime } from './dates.ts';

interface Props {
  /** The wire's form: 'YYYY-MM-DD' (or 'HH:MM' for a time), '' for none. */
  value: string;
  onChange: (value: string) => void;
  lang: 'vi' | 'en';
  name?: string;
  'aria-label'?: string;
}

/** Takes what is typed, says the wire's value when it is whole and real, marks it when it is not. */
function MaskedInput(
  props: Props & {
    kind: 'date' | 'time';
    show: (v: string) => string;
    parse: (t: string) => string | null;
    mask: (t: string) => string;
  },
) {
  const { value, onChange, lang, show, parse, mask, kind } = props;
  const [text, setText] = useState(() => show(value));
  const [bad, setBad] = useState(false);
  // A value set from outside (a preset, a reset) replaces what is shown, unless it is what is typed.
  useEffect(() => {
    setText((t) => (parse(t) === value || (t === '' && value === '') ? t : show(value)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const width = kind === 'date' ? 10 : 5;
  return (
    <input
      type="text"
      className={`masked-${kind}`}
      lang="vi"
      inputMode="numeric"
      autoComplete="off"
      name={props.name}
      aria-label={props['aria-label']}
      aria-invalid={bad || undefined}
      placeholder={kind === 'date' ? dateInputText.datePlaceholder[lang] : dateInputText.timePlaceholder[lang]}
      title={kind === 'date' ? dateInputText.dateTitle[lang] : dateInputText.timeTitle[lang]}
      size={width + 1}
      maxLength={width}
      value={text}
      onChange={(e) => {
        const next = mask(e.target.value);
        setText(next);
        setBad(false);
        if (next === '') onChange('');
        else {
          const v = parse(next);
          if (v !== null && v !== value) onChange(v);
        }
      }}
      onBlur={() => {
        const v = parse(text);
        if (text !== '' && v === null) setBad(true);
        else if (v !== null) setText(show(v));
      }}
    />
  );
}

export function DateInput(props: Props) {
  return <MaskedInput {...props} kind="date" show={isoToDmy} parse={dmyToIso} mask={maskDate} />;
}

export function TimeInput(props: Props) {
  return <MaskedInput {...props} kind="time" show={(v) => v} parse={parseTime} mask={maskTime} />;
}
