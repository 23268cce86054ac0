// A form checked with the contract's own schema before it is sent, its problems under the inputs
// that caused them (the hub's VALIDATION and CONFLICT details land there too).
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../common/Dialog.tsx';
import { managerText } from './managerText.ts';
import { formErrors, hubFormErrors, type FormErrors } from '../common/formErrors.ts';

export const num = (v: string) => (v.trim() === '' ? NaN : Number(v));
/** A number input's text: a cleared input stays empty (never "NaN"); the schema then says what is missing. */
export const shown = (n: number) => (Number.isNaN(n) ? '' : String(n));

/**
 * Checks a form with the contract's schema before it is sent, and puts the hub's VALIDATION
 * details on inputs too. `send` gets the schema's own output (trimmed, normalized).
 */
export function useChecked<T>(lang: 'vi' | 'en', save: (fn: () => Promise<unknown>) => Promise<void>) {
  const [errors, setErrors] = useState<FormErrors>({});
  const submit = (
    schema: {
      safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: Parameters<typeof formErrors>[0] } };
    },
    body: unknown,
    send: (data: T) => Promise<unknown>,
  ) => {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      setErrors(formErrors(checked.error.issues, lang));
      // A long form: bring the first problem into view.
      requestAnimationFrame(() => document.querySelector('.field-error')?.scrollIntoView({ block: 'center' }));
      return Promise.resolve();
    }
    setErrors({});
    return save(async () => {
      try {
        await send(checked.data);
      } catch (err) {
        const byInput = hubFormErrors(err, lang);
        if (byInput) setErrors(byInput);
        throw err;
      }
    });
  };
  return { errors, submit, clear: () => setErrors({}) };
}

/** The message under an input, when it has one. */
export function Problem({ errors, name }: { errors: FormErrors; name: string }) {
  const text = errors[name];
  return text ? (
    <span className="field-error" data-testid={`error-${name}`}>
      {text}
    </span>
  ) : null;
}

/** Asks before taking something in use out of use: `confirm(explain, go)` shows the question, `dialog` renders it. */
export function useConfirm(lang: 'vi' | 'en'): {
  confirm: (explain: string, go: () => Promise<unknown>) => Promise<void>;
  dialog: ReactNode;
} {
  const [ask, setAsk] = useState<{ explain: string; go: () => Promise<unknown> } | null>(null);
  const dialog = ask && (
    <ConfirmDialog
      title={managerText.deactivateTitle[lang]}
      explain={ask.explain}
      confirm={managerText.deactivate[lang]}
      back={managerText.back[lang]}
      testId="deactivate"
      onClose={() => setAsk(null)}
      onConfirm={() => void ask.go()}
    />
  );
  return {
    confirm: (explain, go) => {
      setAsk({ explain, go });
      return Promise.resolve();
    },
    dialog,
  };
}
