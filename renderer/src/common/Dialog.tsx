// A dialog a keyboard can use: focus moves into it, Tab stays inside it, Esc closes it, and the
// focus goes back where it was when it closes.
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: { title: string; testId?: string; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(props.onClose);
  close.current = props.onClose;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const focusable = () =>
      [...(box.current?.querySelectorAll<HTMLElement>('button:not([disabled]), input, select, textarea, [tabindex]') ?? [])].filter(
        (e) => e.tabIndex >= 0,
      );
    // A dialog may name its safe first stop (`data-autofocus`): never the destructive action.
    (box.current?.querySelector<HTMLElement>('[data-autofocus]') ?? focusable()[0])?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      } else if (e.key === 'Tab') {
        const items = focusable();
        if (items.length === 0) return;
        const active = document.activeElement;
        const i = items.findIndex((item) => item === active);
        const next = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : i === items.length - 1 ? 0 : i + 1;
        e.preventDefault();
        items[next]?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, []);
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testId}>
      <div className="dialog card" ref={box}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** A destructive action asked first: what it does, the action (in red), and a way back. */
export function ConfirmDialog(props: {
  title: string;
  explain: string;
  confirm: string;
  back: string;
  /** `${testId}` on the dialog, `${testId}-confirm`… the action. */
  testId: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={props.title} testId={`${props.testId}-dialog`} onClose={props.onClose}>
      <p>{props.explain}</p>
      <div className="row">
        <button
          type="button"
          className="danger"
          data-testid={`${props.testId}-confirm`}
          onClick={() => {
            props.onClose();
            props.onConfirm();
          }}
        >
          {props.confirm}
        </button>
        <button type="button" data-autofocus onClick={props.onClose}>
          {props.back}
        </button>
      </div>
    </Dialog>
  );
}
